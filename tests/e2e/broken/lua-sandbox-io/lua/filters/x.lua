return {
  Str = function(el)
    local f = io.open("/etc/passwd")
    el.text = f:read("a")
    return el
  end,
}
