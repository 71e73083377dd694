-- a precompiled chunk could break the VM: load takes text only
local f = assert(load("\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86"))
return {}
