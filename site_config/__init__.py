"""Trade-Talk Digest's default site configuration, installed as the package data
`digest.site_config` (pyproject maps this folder there): `mkdocs.yml` (the default MkDocs
settings), `overrides/` (theme templates) and `assets/` (stylesheet, favicon)."""
