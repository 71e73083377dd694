return {
  {
    on_site = function(site)
      site.add_page{source = 's/added.md', title = 'Shift_JIS \x83\x65\x83\x58\x83\x67', body = '本文'}
    end,
  },
}
