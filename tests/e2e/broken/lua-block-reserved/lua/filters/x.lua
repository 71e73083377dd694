tebiki.block("chart", function() end)
return {}
