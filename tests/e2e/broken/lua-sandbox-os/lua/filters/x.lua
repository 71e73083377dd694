return {
  Str = function(el)
    os.execute("touch pwned")
  end,
}
