-- topdown goes into what a function returns: this never ends
return {
  traverse = "topdown",
  Str = function(el) return tebiki.Emph{el} end,
}
