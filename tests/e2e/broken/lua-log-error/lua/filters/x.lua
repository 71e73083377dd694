return {
  Header = function(el) end,
  Str = function(el)
    if el.text == "語。" then
      tebiki.log.error("用語集にない語: " .. el.text)
      tebiki.log.warning("警告も出せる")
    end
  end,
}
