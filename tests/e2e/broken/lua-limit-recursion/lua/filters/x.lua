local function f(n) return f(n + 1) + 1 end
return {
  Str = function(el)
    f(1)
  end,
}
