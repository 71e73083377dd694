return {
  Para = function(el)
    return {t = "SmallCaps", content = el.content}
  end,
}
