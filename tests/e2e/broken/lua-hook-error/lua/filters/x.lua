-- an error in a hook, then the page's filters are not run
return {
  on_site = function(site)
    site.add_page{source = "s/a.md", body = "同じ場所"}
  end,
  Str = function(el) error("not reached") end,
}
