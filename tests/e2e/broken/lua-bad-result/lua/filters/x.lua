return {
  Str = function(el)
    return tebiki.Para{el}
  end,
}
