package qa

import "testing"

func TestStaticPrivacyGood(t *testing.T) {
	fs, err := StaticPrivacy(goodDir)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, fs) // the JSON-LD <script> is data, and allowed
}

func TestStaticPrivacyBroken(t *testing.T) {
	fs, err := StaticPrivacy(brokenDir)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, fs,
		`/ privacy/third-party-resource error <script src="https://cdn.example.com/x.js">`,
		`/ privacy/inline-script error <script>`,
		`/ privacy/inline-event-handler error <button type="button" onclick=`,
		`/ privacy/javascript-url error <a href="javascript:void(0)">`,
		`/assets/site.css privacy/third-party-resource error url()`,
	)
}
