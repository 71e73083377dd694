-- an element that holds itself
return {
  Para = function(el)
    local e = tebiki.Emph{}
    e.content = {e}
    return tebiki.Para{e}
  end,
}
