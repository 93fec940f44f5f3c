package tpl

import "samvirke/generator/internal/site"

// siteNamespace is site: the page's site (Hugo's site function and .Site).
func (e *Engine) siteNamespace() namespace {
	return namespace{name: "site", fn: e.siteFunc}
}

func (e *Engine) siteFunc() *site.Site { return e.site }
