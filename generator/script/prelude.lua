-- prelude.lua: the Lua half of tebiki's document elements (docs/lua.md):
-- lists, elements and their fields, constructors with Pandoc's names,
-- stringify and walk. script/luadoc.c builds the same tables from the
-- document tree and reads them back. Compiled into tebiki; loaded once
-- per filter state. Returns the library and the metatables C needs.
local setmetatable, getmetatable, rawget, rawset, type, tostring, error, ipairs, pairs =
  setmetatable, getmetatable, rawget, rawset, type, tostring, error, ipairs, pairs
local tointeger = math.tointeger
local tremove, tsort, tconcat, tinsert = table.remove, table.sort, table.concat, table.insert
local sfind, ssub = string.find, string.sub

local MAXDEPTH = 200

-- Lists --------------------------------------------------------------
-- Every list of elements is a List: a Lua sequence with Pandoc's
-- methods. The metatables are protected, so no script can change them
-- for the pages rendered after it.

local LM = {}
local ListMT = {__index = LM, __metatable = 'List'}

local function List(t)
  if t == nil then return setmetatable({}, ListMT) end
  if type(t) ~= 'table' then error('List: a table expected, got ' .. type(t), 2) end
  if getmetatable(t) == nil then return setmetatable(t, ListMT) end
  local r = {}
  for i = 1, #t do r[i] = t[i] end
  return setmetatable(r, ListMT)
end

function LM:at(i, default)
  if i < 0 then i = #self + i + 1 end
  local v = self[i]
  if v == nil then return default end
  return v
end
function LM:clone()
  local r = {}
  for i = 1, #self do r[i] = self[i] end
  return setmetatable(r, ListMT)
end
function LM:extend(l)
  for i = 1, #l do self[#self + 1] = l[i] end
  return self
end
function LM:find(needle, init)
  for i = init or 1, #self do
    if self[i] == needle then return self[i], i end
  end
  return nil
end
function LM:find_if(pred, init)
  for i = init or 1, #self do
    if pred(self[i]) then return self[i], i end
  end
  return nil
end
function LM:filter(pred)
  local r = List()
  for i = 1, #self do
    if pred(self[i], i) then r[#r + 1] = self[i] end
  end
  return r
end
function LM:includes(needle, init)
  return (LM.find(self, needle, init)) ~= nil
end
function LM:insert(...)
  tinsert(self, ...)
end
function LM:iter()
  local i = 0
  return function()
    i = i + 1
    return self[i]
  end
end
function LM:map(fn)
  local r = List()
  for i = 1, #self do r[i] = fn(self[i], i) end
  return r
end
function LM:remove(pos)
  return tremove(self, pos)
end
function LM:sort(comp)
  tsort(self, comp)
end

ListMT.__concat = function(a, b)
  local r = List()
  for i = 1, #a do r[#r + 1] = a[i] end
  for i = 1, #b do r[#r + 1] = b[i] end
  return r
end
ListMT.__eq = function(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do
    if a[i] ~= b[i] then return false end
  end
  return true
end

-- Attributes ---------------------------------------------------------
-- attributes keep the order they were written in (the HTML does), so
-- they are a list of {key, value} pairs that also answers attr.key.

local AttrListMT = {__metatable = 'AttributeList'}
function AttrListMT.__index(t, k)
  if type(k) ~= 'string' then return nil end
  for i = 1, #t do
    local p = rawget(t, i)
    if p[1] == k then return p[2] end
  end
  return nil
end
function AttrListMT.__newindex(t, k, v)
  if type(k) ~= 'string' then
    rawset(t, k, v)
    return
  end
  for i = 1, #t do
    local p = rawget(t, i)
    if p[1] == k then
      if v == nil then tremove(t, i) else p[2] = tostring(v) end
      return
    end
  end
  if v ~= nil then rawset(t, #t + 1, {k, tostring(v)}) end
end
function AttrListMT.__pairs(t)
  local i = 0
  return function()
    i = i + 1
    local p = rawget(t, i)
    if p then return p[1], p[2] end
  end, t, nil
end

local function AttributeList(x, level)
  local r = setmetatable({}, AttrListMT)
  if x == nil then return r end
  if type(x) ~= 'table' then
    error('attributes must be a table, not a ' .. type(x), level or 2)
  end
  if getmetatable(x) == 'AttributeList' then
    for k, v in pairs(x) do rawset(r, #r + 1, {k, v}) end
    return r
  end
  for i = 1, #x do
    local p = x[i]
    if type(p) ~= 'table' or p[1] == nil then
      error('attributes must be {key = value, ...} or a list of {key, value} pairs', level or 2)
    end
    rawset(r, #r + 1, {tostring(p[1]), tostring(p[2])})
  end
  local keys = {}
  for k in pairs(x) do
    if type(k) == 'string' then keys[#keys + 1] = k end
  end
  tsort(keys)  -- pairs() has no order; the output must not change between builds
  for _, k in ipairs(keys) do rawset(r, #r + 1, {k, tostring(x[k])}) end
  return r
end

local AttrMT = {__metatable = 'Attr'}

local function Attr(id, classes, attributes)
  if type(id) == 'table' and classes == nil and attributes == nil then
    local a = id
    if getmetatable(a) == 'Attr' or a.identifier ~= nil or a.classes ~= nil or a.attributes ~= nil then
      return Attr(a.identifier, a.classes, a.attributes)
    end
    return Attr(a[1], a[2], a[3])
  end
  if id ~= nil and type(id) ~= 'string' then
    error('Attr: the identifier must be a string, not a ' .. type(id), 2)
  end
  local cl = List()
  if type(classes) == 'string' then
    cl[1] = classes
  elseif classes ~= nil then
    for i = 1, #classes do cl[i] = tostring(classes[i]) end
  end
  return setmetatable({identifier = id or '', classes = cl,
                       attributes = AttributeList(attributes, 3)}, AttrMT)
end

-- Elements -----------------------------------------------------------

local INLINE = {Str = true, Space = true, SoftBreak = true, LineBreak = true,
  Emph = true, Strong = true, Strikeout = true, Code = true, Link = true,
  Image = true, RawInline = true, Note = true, Span = true, Ruby = true}
local BLOCK = {Para = true, Plain = true, Header = true, BlockQuote = true,
  BulletList = true, OrderedList = true, CodeBlock = true, RawBlock = true,
  HorizontalRule = true, Table = true, Div = true, Callout = true,
  DefinitionList = true}
local HOLDS_INLINES = {Para = true, Plain = true, Header = true, Emph = true,
  Strong = true, Strikeout = true, Link = true, Span = true, Ruby = true}
local CALLOUT_KINDS = {note = true, tip = true, warning = true, point = true, exercise = true,
  details = true}
local ATTR = {identifier = true, classes = true, attributes = true}

local EM = {}  -- element methods
local ElementMT = {__metatable = 'Element'}

local function ListAttributes(start, style, delimiter)
  if type(start) == 'table' then
    local la = start
    if la.start ~= nil or la.style ~= nil or la.delimiter ~= nil then
      return ListAttributes(la.start, la.style, la.delimiter)
    end
    return ListAttributes(la[1], la[2], la[3])
  end
  local n = tointeger(start or 1)
  if n == nil then error('ListAttributes: start must be an integer', 3) end
  return {start = n, style = style or 'Decimal', delimiter = delimiter or 'Period'}
end

-- el.identifier, el.classes and el.attributes are el.attr's; el.tag is
-- el.t; a Callout's kind is its first class.
function ElementMT.__index(el, k)
  local m = EM[k]
  if m ~= nil then return m end
  local t = rawget(el, 't')
  if k == 'tag' then return t end
  if ATTR[k] then
    local a = rawget(el, 'attr')
    return a and a[k]
  end
  if k == 'kind' and t == 'Callout' then
    local a = rawget(el, 'attr')
    return a and a.classes[1]
  end
  if k == 'listAttributes' and t == 'OrderedList' then
    return ListAttributes(rawget(el, 'start'), rawget(el, 'style'), rawget(el, 'delimiter'))
  end
  return nil
end

function ElementMT.__newindex(el, k, v)
  local t = rawget(el, 't')
  if k == 'tag' then
    rawset(el, 't', v)
  elseif ATTR[k] or (k == 'kind' and t == 'Callout') then
    local a = rawget(el, 'attr')
    if a == nil then
      a = Attr()
      rawset(el, 'attr', a)
    end
    if k == 'classes' then
      a.classes = type(v) == 'string' and List({v}) or List(v)
    elseif k == 'attributes' then
      a.attributes = AttributeList(v, 3)
    elseif k == 'kind' then
      a.classes[1] = v
    else
      a.identifier = v
    end
  elseif k == 'listAttributes' and t == 'OrderedList' then
    local la = ListAttributes(v)
    rawset(el, 'start', la.start)
    rawset(el, 'style', la.style)
    rawset(el, 'delimiter', la.delimiter)
  else
    rawset(el, k, v)
  end
end

local MT_BY_NAME = {List = ListMT, Element = ElementMT, Attr = AttrMT,
  AttributeList = AttrListMT}

local function clone(x, depth)
  if type(x) ~= 'table' then return x end
  if depth > MAXDEPTH then error('clone: elements nested more than ' .. MAXDEPTH .. ' deep', 0) end
  local r = {}
  for k, v in next, x do r[k] = clone(v, depth + 1) end
  local mt = MT_BY_NAME[getmetatable(x)]
  if mt then setmetatable(r, mt) end
  return r
end

local function mk(t, fields)
  fields.t = t
  return setmetatable(fields, ElementMT)
end

local function is_el(x)
  return type(x) == 'table' and (rawget(x, 't') ~= nil or rawget(x, 'tag') ~= nil)
end

-- Text becomes Str and Space elements, one Space per blank, as
-- tebiki's reader does.
local function split(s, out)
  local i, n = 1, #s
  while i <= n do
    local j = sfind(s, ' ', i, true)
    if j == nil then
      out[#out + 1] = mk('Str', {text = ssub(s, i)})
      break
    end
    if j > i then out[#out + 1] = mk('Str', {text = ssub(s, i, j - 1)}) end
    out[#out + 1] = mk('Space', {})
    i = j + 1
  end
  return out
end

local function Inlines(x, level)
  local r = List()
  if x == nil then return r end
  local tx = type(x)
  if tx == 'string' or tx == 'number' then return split(tostring(x), r) end
  if tx ~= 'table' then error('inlines expected, got a ' .. tx, level or 2) end
  if is_el(x) then
    r[1] = x
    return r
  end
  for i = 1, #x do
    local v = x[i]
    local tv = type(v)
    if tv == 'string' or tv == 'number' then
      split(tostring(v), r)
    elseif is_el(v) then
      r[#r + 1] = v
    else
      error('inlines expected: item ' .. i .. ' is a ' .. tv, level or 2)
    end
  end
  return r
end

local function Blocks(x, level)
  local r = List()
  if x == nil then return r end
  local tx = type(x)
  if tx == 'string' then
    r[1] = mk('Plain', {content = Inlines(x)})
    return r
  end
  if tx ~= 'table' then error('blocks expected, got a ' .. tx, level or 2) end
  if is_el(x) then
    r[1] = x
    return r
  end
  for i = 1, #x do
    local v = x[i]
    if type(v) == 'string' then
      r[#r + 1] = mk('Plain', {content = Inlines(v)})
    elseif is_el(v) then
      r[#r + 1] = v
    else
      error('blocks expected: item ' .. i .. ' is a ' .. type(v), level or 2)
    end
  end
  return r
end

-- stringify ----------------------------------------------------------

local stringify
local function stringify_list(l)
  local parts = {}
  for i = 1, #l do parts[i] = stringify(l[i]) end
  return tconcat(parts)
end
stringify = function(x)
  local tx = type(x)
  if tx == 'string' then return x end
  if tx == 'number' or tx == 'boolean' then return tostring(x) end
  if tx ~= 'table' then return '' end
  local t = rawget(x, 't') or rawget(x, 'tag')
  if t == nil then return stringify_list(x) end
  if t == 'Str' or t == 'Code' or t == 'CodeBlock' then return tostring(x.text or '') end
  if t == 'Space' or t == 'SoftBreak' or t == 'LineBreak' then return ' ' end
  if t == 'RawInline' or t == 'RawBlock' or t == 'HorizontalRule' or t == 'Note' then
    return ''
  end
  if t == 'Image' then return stringify(x.caption) end
  if t == 'Pandoc' then return stringify(x.blocks) end
  if t == 'Table' then
    local parts = {stringify(x.head)}
    local rows = x.rows or {}
    for i = 1, #rows do parts[#parts + 1] = stringify(rows[i]) end
    return tconcat(parts)
  end
  if x.content ~= nil then return stringify(x.content) end
  return ''
end

-- walk: a filter applied inside an element, typewise as for a page ----

-- Calls visit(list, kind) on each list of elements el holds and keeps
-- what it returns.
local function each_list(el, visit)
  local t = rawget(el, 't') or rawget(el, 'tag')
  if t == 'BulletList' or t == 'OrderedList' then
    local items = el.content or {}
    for i = 1, #items do items[i] = visit(items[i], 'Blocks') end
  elseif t == 'Table' then
    local head = el.head or {}
    for j = 1, #head do head[j] = visit(head[j], 'Inlines') end
    local rows = el.rows or {}
    for i = 1, #rows do
      local row = rows[i]
      for j = 1, #row do row[j] = visit(row[j], 'Inlines') end
    end
  elseif t == 'Image' then
    el.caption = visit(el.caption, 'Inlines')
  elseif t == 'DefinitionList' then
    local items = el.content or {}
    for i = 1, #items do
      local item = items[i]
      item[1] = visit(item[1], 'Inlines')
      local defs = item[2] or {}
      for j = 1, #defs do defs[j] = visit(defs[j], 'Blocks') end
    end
  elseif t == 'Pandoc' then
    el.blocks = visit(el.blocks, 'Blocks')
  elseif HOLDS_INLINES[t] then
    el.content = visit(el.content, 'Inlines')
  elseif rawget(el, 'content') ~= nil then
    el.content = visit(el.content, 'Blocks')
  end
end

local function splice(out, r, name)
  if is_el(r) then
    out[#out + 1] = r
  elseif type(r) == 'table' then
    for i = 1, #r do out[#out + 1] = r[i] end
  else
    error(name .. ' returned a ' .. type(r) .. ': return an element, a list of them, or nil', 0)
  end
end

local walk_list
walk_list = function(list, kind, f, pass, depth)
  if list == nil then return nil end
  if depth > MAXDEPTH then error('walk: elements nested more than ' .. MAXDEPTH .. ' deep', 0) end
  local out = List()
  for i = 1, #list do
    local e = list[i]
    local fn, t
    if type(e) == 'table' then
      each_list(e, function(l, k) return walk_list(l, k, f, pass, depth + 1) end)
      t = rawget(e, 't') or rawget(e, 'tag')
      if pass == 'Inline' and INLINE[t] then
        fn = f[t] or f.Inline
      elseif pass == 'Block' and BLOCK[t] then
        fn = f[t] or (t == 'Callout' and f.Div) or f.Block
      end
    end
    local r
    if fn then r = fn(e) end
    if r == nil then out[#out + 1] = e else splice(out, r, t) end
  end
  if pass == kind and f[kind] then
    local r = f[kind](out)
    if r ~= nil then out = is_el(r) and List({r}) or List(r) end
  end
  return out
end

local PASSES = {'Inline', 'Inlines', 'Block', 'Blocks'}

function EM:clone()
  return clone(self, 0)
end

-- el:walk(filter): a copy of el with the filter applied to everything
-- inside it (not to el itself).
function EM:walk(f)
  local c = clone(self, 0)
  for _, pass in ipairs(PASSES) do
    each_list(c, function(l, k) return walk_list(l, k, f, pass, 1) end)
  end
  return c
end

function LM:walk(f)
  local first = self[1]
  local kind = (first and INLINE[rawget(first, 't')]) and 'Inlines' or 'Blocks'
  local out = clone(self, 0)
  for _, pass in ipairs(PASSES) do out = walk_list(out, kind, f, pass, 1) end
  return out
end

-- Constructors -------------------------------------------------------

local T = {}

local function text_of(x, what)
  local tx = type(x)
  if tx ~= 'string' and tx ~= 'number' then
    error(what .. ' must be a string, not a ' .. tx, 3)
  end
  return tostring(x)
end

local function opt_text(x, what)
  if x == nil then return '' end
  return text_of(x, what)
end

local function inline_container(name)
  return function(content) return mk(name, {content = Inlines(content, 3)}) end
end

function T.Str(text) return mk('Str', {text = text_of(text, 'Str: text')}) end
function T.Space() return mk('Space', {}) end
function T.SoftBreak() return mk('SoftBreak', {}) end
function T.LineBreak() return mk('LineBreak', {}) end
T.Emph = inline_container('Emph')
T.Strong = inline_container('Strong')
T.Strikeout = inline_container('Strikeout')
function T.Code(text, attr)
  return mk('Code', {text = text_of(text, 'Code: text'), attr = Attr(attr)})
end
function T.Link(content, target, title, attr)
  return mk('Link', {content = Inlines(content, 3), target = text_of(target, 'Link: target'),
                     title = opt_text(title, 'Link: title'), attr = Attr(attr)})
end
function T.Image(caption, src, title, attr)
  return mk('Image', {caption = Inlines(caption, 3), src = text_of(src, 'Image: src'),
                      title = opt_text(title, 'Image: title'), attr = Attr(attr)})
end
function T.RawInline(format, text)
  return mk('RawInline', {format = text_of(format, 'RawInline: format'),
                          text = text_of(text, 'RawInline: text')})
end

T.Para = inline_container('Para')
T.Plain = inline_container('Plain')
function T.Header(level, content, attr)
  local n = tointeger(level)
  if n == nil or n < 1 or n > 6 then error('Header: level must be an integer from 1 to 6', 2) end
  return mk('Header', {level = n, content = Inlines(content, 3), attr = Attr(attr)})
end
function T.BlockQuote(content) return mk('BlockQuote', {content = Blocks(content, 3)}) end
local function items_of(items)
  local r = List()
  if items == nil then return r end
  if type(items) ~= 'table' then error('list items must be a table of block lists', 3) end
  for i = 1, #items do r[i] = Blocks(items[i], 4) end
  return r
end
function T.BulletList(items) return mk('BulletList', {content = items_of(items)}) end
function T.OrderedList(items, la)
  local a = ListAttributes(la or {})
  return mk('OrderedList', {content = items_of(items), start = a.start, style = a.style,
                            delimiter = a.delimiter})
end
function T.CodeBlock(text, attr)
  return mk('CodeBlock', {text = text_of(text, 'CodeBlock: text'), attr = Attr(attr)})
end
function T.RawBlock(format, text)
  return mk('RawBlock', {format = text_of(format, 'RawBlock: format'),
                         text = text_of(text, 'RawBlock: text')})
end
function T.HorizontalRule() return mk('HorizontalRule', {}) end
local function row_of(row)
  local r = List()
  for j = 1, #(row or {}) do r[j] = Inlines(row[j], 4) end
  return r
end
-- The simplified table: a header row, body rows, one alignment per column.
function T.Table(head, rows, aligns)
  local body = List()
  for i = 1, #(rows or {}) do body[i] = row_of(rows[i]) end
  local al = List()
  for i = 1, #(aligns or {}) do al[i] = tostring(aligns[i]) end
  return mk('Table', {head = row_of(head), rows = body, aligns = al})
end
function T.Div(content, attr)
  return mk('Div', {content = Blocks(content, 3), attr = Attr(attr)})
end
function T.Callout(kind, content, title, attr)
  if not CALLOUT_KINDS[kind] then
    error("Callout: kind must be note, tip, warning, point, exercise or details, not '" .. tostring(kind) .. "'", 2)
  end
  local a = Attr(attr)
  tinsert(a.classes, 1, kind)
  return mk('Callout', {content = Blocks(content, 3), attr = a,
                        title = title ~= nil and text_of(title, 'Callout: title') or nil})
end
-- A footnote: blocks, shown where it is referred to.
function T.Note(content) return mk('Note', {content = Blocks(content, 3)}) end
-- <kbd>, <sup> … are Spans whose first class is the tag.
function T.Span(content, attr)
  return mk('Span', {content = Inlines(content, 3), attr = Attr(attr)})
end
function T.Ruby(content, reading)
  return mk('Ruby', {content = Inlines(content, 3), reading = text_of(reading, 'Ruby: reading')})
end
-- items: {{term inlines, {definition blocks, …}}, …}, as Pandoc's.
function T.DefinitionList(items)
  local r = List()
  if type(items) ~= 'table' then error('DefinitionList: items must be a table', 2) end
  for i = 1, #items do
    local defs = List()
    for j = 1, #(items[i][2] or {}) do defs[j] = Blocks(items[i][2][j], 3) end
    r[i] = {Inlines(items[i][1], 3), defs}
  end
  return mk('DefinitionList', {content = r})
end
function T.Pandoc(blocks, meta)
  return mk('Pandoc', {blocks = Blocks(blocks, 3), meta = meta or {}})
end

T.List = List
T.Inlines = function(x) return Inlines(x, 3) end
T.Blocks = function(x) return Blocks(x, 3) end
T.Attr = Attr
T.ListAttributes = function(start, style, delimiter) return ListAttributes(start, style, delimiter) end
T.AlignDefault, T.AlignLeft, T.AlignCenter, T.AlignRight =
  'AlignDefault', 'AlignLeft', 'AlignCenter', 'AlignRight'
T.utils = {stringify = stringify}
T.walk_block = function(el, f) return el:walk(f) end
T.walk_inline = T.walk_block

return T, {element = ElementMT, list = ListMT, attr = AttrMT, attributes = AttrListMT,
           stringify = stringify}
