-- a C module: require looks in lua/lib/ only, for Lua text
local lfs = require("lfs")
return {}
