return {
  Str = function(el)
    el.text = io.popen("id"):read("a")
    return el
  end,
}
