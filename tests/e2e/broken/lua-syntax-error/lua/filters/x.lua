return {
  Str = function(el)
    return el
  end
  Para = 1,
}
