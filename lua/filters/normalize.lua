-- normalize.lua: 表記ゆれ. One spelling for each term, as listed in
-- content/data/glossary.yaml, in the text of every page and in its title
-- and summary (as in Pandoc, the Str function reaches the front matter's
-- title and summary too). Quotations keep the wording of their source, so the
-- walk goes top down and does not enter a BlockQuote. It runs before
-- heading ids are made: link to a heading with the normalised spelling.
local glossary = tebiki.data('glossary') or {}

-- One rule per variant: from → to, except inside the words of keep.
local rules = {}
for _, term in ipairs(glossary.terms or {}) do
  local keep = {term.use}
  for _, word in ipairs(term.except or {}) do keep[#keep + 1] = word end
  for _, variant in ipairs(term['not'] or {}) do
    rules[#rules + 1] = {from = variant, to = term.use, keep = keep}
  end
end
-- longer variants first, so that 'Eメール' is not half done by another rule
table.sort(rules, function(a, b)
  if #a.from ~= #b.from then return #a.from > #b.from end
  return a.from < b.from
end)

-- Where the word of keep around the match at i ends, if there is one
-- ('サーバ' inside 'サーバー' is already right).
local function kept_until(s, i, rule)
  for _, word in ipairs(rule.keep) do
    local at = word:find(rule.from, 1, true)
    local start = at and i - at + 1
    if start and start >= 1 and s:sub(start, start + #word - 1) == word then
      return start + #word
    end
  end
end

local function replace(s, rule)
  if not s:find(rule.from, 1, true) then return s end
  local out, i = {}, 1
  while true do
    local a, b = s:find(rule.from, i, true)
    if not a then break end
    local after = kept_until(s, a, rule)
    if after then
      out[#out + 1] = s:sub(i, after - 1)
      i = after
    else
      out[#out + 1] = s:sub(i, a - 1) .. rule.to
      i = b + 1
    end
  end
  out[#out + 1] = s:sub(i)
  return table.concat(out)
end

-- Fullwidth letters and digits (ＵＳＢ, ２０２６) as ASCII; fullwidth
-- punctuation such as （）「」 stays.
local function halfwidth(s)
  s = s:gsub('\239\188([\144-\153\161-\186])', function(c)
    return string.char(c:byte() - 0x60)
  end)
  return (s:gsub('\239\189([\129-\154])', function(c)
    return string.char(c:byte() - 0x20)
  end))
end

local function normalize(s)
  for _, rule in ipairs(rules) do s = replace(s, rule) end
  if glossary.halfwidth_alnum then s = halfwidth(s) end
  return s
end

return {
  traverse = 'topdown',
  BlockQuote = function(el) return el, false end,
  Str = function(el)
    local text = normalize(el.text)
    if text ~= el.text then return tebiki.Str(text) end
  end,
}
