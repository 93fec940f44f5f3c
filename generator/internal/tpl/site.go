package tpl

import "samvirke/generator/internal/site"

// siteNamespace is Hugo's global site function ({{ site.Title }}) and samvirke's levelName, which
// names a collaboration level as hugo.toml's [[params.levels]] do (not in Hugo).
func (e *Engine) siteNamespace() namespace {
	return namespace{name: "site", fn: e.siteFunc, aliases: map[string]any{"levelName": e.levelName}}
}

func (e *Engine) siteFunc() *site.Site { return e.site }

func (e *Engine) levelName(id any) string { return e.site.Config.Site.LevelName(toInt(id)) }
