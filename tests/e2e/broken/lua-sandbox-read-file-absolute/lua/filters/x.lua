return {
  Str = function(el)
    el.text = tebiki.read_file("/etc/passwd")
    return el
  end,
}
