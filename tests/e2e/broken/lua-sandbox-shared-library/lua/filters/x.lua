-- a library table changed here would change every later page
string.upper = function() return "pwned" end
return {}
