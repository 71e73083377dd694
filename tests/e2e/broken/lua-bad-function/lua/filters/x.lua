return {Str = "not a function"}
