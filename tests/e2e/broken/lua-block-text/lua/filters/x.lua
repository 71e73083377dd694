return {
  Para = function(el)
    return "ブロックの場所に文字列"
  end,
}
