return {
  on_site = function(site)
    site.add_page{source = "../../escape.md", body = "x"}
  end,
}
