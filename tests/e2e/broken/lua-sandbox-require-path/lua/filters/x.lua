local m = require("../../site")
return {}
