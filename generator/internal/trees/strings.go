package trees

import (
	"fmt"

	"samvirke/generator/internal/feature"
)

// uiKeys are the texts of the tree pages and the widget: the key the templates (.S.next) and
// tree.ts (s.next) use, and the id of the string in i18n/ ("treeNext"). The page's lang picks the
// language (a Danish tree speaks Danish); %d and %s in them are filled in by the generator or the
// script.
var uiKeys = []string{"next", "back", "restart", "print", "change", "changeWhat", "yourAnswers", "result",
	"nextSteps", "readMore", "legal", "level", "chooseAnswer", "questionOf", "overview", "diagram",
	"diagramTitle", "asList", "seeAbove", "yourPath", "leadsTo", "start", "outcome", "startHeading", "printedFrom"}

// uiStrings returns the texts for lang from i18n/.
func uiStrings(tr feature.Translator, lang string) (map[string]string, error) {
	out := make(map[string]string, len(uiKeys))
	for _, k := range uiKeys {
		id := "tree" + string(k[0]-'a'+'A') + k[1:]
		s, err := tr.Lookup(lang, id, nil)
		if err != nil {
			return nil, fmt.Errorf("decision trees: %w", err)
		}
		out[k] = s
	}
	return out, nil
}
