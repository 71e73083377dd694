return {
  Str = function(el)
    debug.sethook()
  end,
}
