local function helper(el)
  return el.missing.field
end

return {
  Str = function(el)
    return helper(el)
  end,
}
