-- Each page gets one kind of bad text: none may reach the HTML, the
-- search index or the PDFs.
local bad = {
  a = function(el) if el.t == 'Str' then el.text = el.text .. '\xff' end return el end,
  b = function(el) if el.t == 'Link' then el.target = 'https://example.com/\xe3\x81' end return el end,
  c = function(el) if el.t == 'Str' then el.text = 'a\0b' end return el end,
  d = function(el) if el.t == 'Link' then el.attributes = {{'data-x', '\xc0\xaf'}} end return el end,
}
return {
  {
    Inline = function(el)
      local f = bad[tebiki.page.title]
      if f then return f(el) end
    end,
  },
  {
    on_site = function(site)
      site.add_page{source = 's/added.md', title = 'added', body = '# 見出し\n\n本文\xe3\x81\n'}
    end,
    on_page = function(page)
      if page.title == 'e' then return {summary = 'sum\xfe'} end
      if page.title == 'f' then return {tags = {'ok', '\x80'}} end
    end,
  },
}
