-- One page's filter must not change strings for the pages after it.
return {{Str = function(el)
  getmetatable('').__index = function() return function() return 'changed' end end
  return el
end}}
