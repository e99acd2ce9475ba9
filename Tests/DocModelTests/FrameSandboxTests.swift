import DocModel
import Testing

/// An embedded frame from another origin than the site's may keep its own storage (a video
/// player needs it) without reaching the page: `allow-same-origin` then gives it its own origin,
/// never the site's. A frame from the site's own origin, or from anywhere when the site's
/// origin is unknown, stays an origin of nobody's. Of the features a frame asks for, only those
/// a player uses are passed on.
@Suite struct FrameSandboxTests {
    func html(_ markdown: String, site: String?) -> String {
        var options = MarkdownOptions()
        options.siteOrigin = site
        let result = MarkdownConverter.convert(markdown, file: "docs/p.md", options: options)
        return result.body.compactMap { if case .html(let html) = $0 { html } else { nil } }.joined()
    }

    static let video = "<iframe src=\"https://www.youtube.com/embed/abc\" allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture\" allowfullscreen></iframe>\n"

    @Test(arguments: [
        (video, "https://docs.civicrm.org", true),
        (video, "https://www.youtube.com", false),
        (video, nil, false),
        ("<iframe src=\"https://Docs.CiviCRM.org/other/\"></iframe>\n", "https://docs.civicrm.org", false),
        ("<iframe src=\"http://video.example.com:8080/e\"></iframe>\n", "https://docs.civicrm.org", true),
    ] as [(String, String?, Bool)])
    func aFrameOfAnotherOriginKeepsItsOwn(_ markdown: String, _ site: String?, _ ownOrigin: Bool) {
        let out = html(markdown, site: site)
        #expect(out.contains("sandbox=\"allow-scripts"), "\(out)")
        #expect(out.contains("allow-same-origin") == ownOrigin, "\(out)")
    }

    @Test func onlyAPlayersFeaturesArePassedOn() {
        let out = html("<iframe src=\"https://v.example.com/e\" allow=\"camera; encrypted-media 'self'; microphone *; autoplay; geolocation; fullscreen; payment\"></iframe>\n",
                       site: "https://docs.example.org")
        #expect(out.contains("allow=\"encrypted-media; autoplay; fullscreen\""), "\(out)")
        for feature in ["camera", "microphone", "geolocation", "payment"] { #expect(!out.contains(feature), "\(feature): \(out)") }
    }
}
