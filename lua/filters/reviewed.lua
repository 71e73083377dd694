-- reviewed.lua: 「最終確認日：2026年11月27日」 at the end of each page of a
-- printed book or handout, from the front matter's reviewed: date. On
-- the site the page header shows the date already
-- (themes/default/templates/page.html), so the line is for the PDF only.
if tebiki.format ~= 'pdf' then return {} end

local function japanese_date(s)
  local y, m, d = tostring(s):match('^(%d+)-(%d+)-(%d+)$')
  if y then
    return ('%d年%d月%d日'):format(tonumber(y), tonumber(m), tonumber(d))
  end
end

return {
  Pandoc = function(doc)
    local date = japanese_date(doc.meta.reviewed or '')
    if not date then return nil end
    doc.blocks:insert(tebiki.Div({tebiki.Para('最終確認日：' .. date)}, {classes = {'reviewed'}}))
    return doc
  end,
}
