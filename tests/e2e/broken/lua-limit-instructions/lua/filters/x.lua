return {
  Str = function(el)
    while true do end
  end,
}
