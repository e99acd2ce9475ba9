import Foundation
import KeyPolicy
import Testing

/// What one headless Chromium load printed and requested.
struct BrowserLoad {
    let dom: String
    let log: String
    /// URLs of the requests the page itself started (the browser's own are left out).
    let pageRequests: [String]

    /// Console messages at error level and CSP reports in the browser's log.
    var consoleErrors: [String] {
        log.split(separator: "\n").map(String.init).filter {
            ($0.contains("CONSOLE") && ($0.contains(":ERROR:") || $0.contains("\"Uncaught") || $0.contains("Refused")))
                || $0.contains("Content Security Policy") || $0.contains("Content-Security-Policy")
        }
    }
}

enum Browser {
    static let path = "/usr/bin/chromium"

    /// Loads `url` in headless Chromium with no route out (every host name resolves to nothing;
    /// only the loopback address of a page that keydocs serves is left), and returns the DOM
    /// after load, the log and the page's own requests.
    static func load(_ url: URL) throws -> BrowserLoad {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let netlog = work.appendingPathComponent("net.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--no-pings", "--disable-domain-reliability",
            // A page served by keydocs itself is on loopback, the one address left reachable.
            "--host-resolver-rules=MAP * ~NOTFOUND" + (url.host == "127.0.0.1" ? ", EXCLUDE 127.0.0.1" : ""),
            "--enable-logging=stderr", "--v=0",
            "--log-net-log=\(netlog.path)", "--virtual-time-budget=5000", "--dump-dom", url.absoluteString,
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let group = DispatchGroup()
        let box = LogBox()
        DispatchQueue.global().async(group: group) { box.data = err.fileHandleForReading.readDataToEndOfFile() }
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        var requests: [String] = []
        if let data = try? Data(contentsOf: netlog), let text = String(data: data, encoding: .utf8) {
            requests = pageRequests(inNetLog: text)
        }
        return BrowserLoad(dom: String(decoding: dom, as: UTF8.self), log: String(decoding: box.data, as: UTF8.self), pageRequests: requests)
    }

    /// URLs of URL_REQUEST_START_JOB events whose initiator is a page (not the browser itself).
    static func pageRequests(inNetLog text: String) -> [String] {
        // The log may end without its closing brackets when the browser exits.
        var json = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !json.hasSuffix("}") {
            if json.hasSuffix(",") { json.removeLast() }
            json += "]}"
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let constants = object["constants"] as? [String: Any],
              let types = constants["logEventTypes"] as? [String: Int],
              let start = types["URL_REQUEST_START_JOB"],
              let events = object["events"] as? [[String: Any]] else { return ["(unreadable net log)"] }
        return events.compactMap { event in
            guard event["type"] as? Int == start, let params = event["params"] as? [String: Any],
                  let url = params["url"] as? String else { return nil }
            return params["initiator"] as? String == "not an origin" ? nil : url
        }
    }

    /// The text of the element with `id` in a dumped DOM.
    static func text(of id: String, in dom: String) -> String? {
        guard let open = dom.range(of: "id=\"\(id)\""), let start = dom[open.upperBound...].firstIndex(of: ">"),
              let end = dom[start...].range(of: "</") else { return nil }
        return String(dom[dom.index(after: start)..<end.lowerBound])
    }
}

private final class LogBox: @unchecked Sendable { var data = Data() }

@Suite(.serialized) struct BrowserTests {
    static let site: Result<URL, any Error> = Result { () throws -> URL in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-browser-\(UUID().uuidString)")
        let run = try keydocs(["build", "--no-check", "--site", folder.path], directory: packageRoot)
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return folder
    }

    func requireBrowser() throws -> URL {
        try #require(FileManager.default.isExecutableFile(atPath: Browser.path), "Chromium is required (Debian package chromium)")
        return try Self.site.get()
    }

    @Test func theGeneratorShowsAValidKeyAndAFreshOneOnEveryLoad() throws {
        let site = try requireBrowser()
        let page = site.appendingPathComponent("generator.html")
        let first = try Browser.load(page), second = try Browser.load(page)
        let a = try #require(Browser.text(of: "generated-key", in: first.dom))
        let b = try #require(Browser.text(of: "generated-key", in: second.dom))
        let validator = KeyValidator(policy: .civicrm)
        #expect(a.count == Policy.civicrm.defaultLength)
        #expect(validator.findings(for: a).isEmpty, "\(validator.findings(for: a))")
        #expect(validator.findings(for: b).isEmpty)
        #expect(a != b)
        #expect(Browser.text(of: "command-v4", in: first.dom) == "cv api4 Contact.update +w 'id = 100' +v api_key=\(a)")
    }

    /// A contact ID that is not one is refused where it was typed, and no command names another
    /// contact in its place.
    @Test(arguments: ["-5", "0", "", "1.5", "1e21", "4294967296"])
    func theGeneratorRefusesABadContactID(_ typed: String) throws {
        let site = try requireBrowser()
        let m = try SiteLayoutTests.measure(site: site, width: 1280, height: 900, steps: """
            load('generator.html', function (d, w) {
              var input = d.getElementById('contact-id');
              input.value = \(typed.debugDescription);
              input.dispatchEvent(new w.Event('input'));
              report('v4', d.getElementById('command-v4').textContent);
              report('sql', d.getElementById('command-sql').textContent);
              report('invalid', input.getAttribute('aria-invalid'));
              var error = d.getElementById('contact-id-error');
              report('error', error ? error.textContent : null);
              report('errorVisible', visible(error));
              report('disabled', Array.prototype.map.call(d.querySelectorAll('.generator .copy-command'), function (b) { return b.disabled; }));
              input.value = '42';
              input.dispatchEvent(new w.Event('input'));
              report('fixed', d.getElementById('command-v4').textContent);
              report('enabled', Array.prototype.map.call(d.querySelectorAll('.generator .copy-command'), function (b) { return !b.disabled; }));
              report('fixedError', error ? error.textContent : null);
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        for command in ["v4", "sql"] {
            let text = try #require(m[command] as? String)
            #expect(!text.contains("100") && !text.contains("1e+21") && text.contains("no command"), "\(command): \(text)")
        }
        #expect(m["invalid"] as? String == "true")
        #expect((m["error"] as? String)?.contains("whole number from 1 to 4294967295") == true, "\(m)")
        #expect(m["errorVisible"] as? Bool == true)
        #expect((m["fixed"] as? String)?.hasPrefix("cv api4 Contact.update +w 'id = 42'") == true)
        #expect(m["fixedError"] as? String == "")
        // A command that is not there cannot be copied; once it is, it can.
        #expect(m["disabled"] as? [Bool] == [true, true, true], "\(m)")
        #expect(m["enabled"] as? [Bool] == [true, true, true], "\(m)")
    }

    /// A length outside the policy's is set to the nearest allowed one and the reader is told
    /// so beside the field; the generated commands scroll in their own box (a key is never
    /// broken across lines) and each has a Copy button.
    @Test(arguments: [("40", 32, true), ("12", 20, true), ("25", 25, false), ("", 32, false)])
    func theGeneratorSaysWhenItChangesTheLength(_ typed: String, _ length: Int, _ told: Bool) throws {
        let site = try requireBrowser()
        let m = try SiteLayoutTests.measure(site: site, width: 390, height: 844, steps: """
            load('generator.html', function (d, w) {
              var input = d.getElementById('key-length');
              input.value = \(typed.debugDescription);
              input.dispatchEvent(new w.Event('change'));
              report('value', input.value);
              report('key', d.getElementById('generated-key').textContent.length);
              var note = d.getElementById('key-length-note');
              report('note', note ? note.textContent : null);
              report('noteVisible', visible(note));
              var pre = d.getElementById('command-v4').parentNode;
              report('wrap', w.getComputedStyle(pre).whiteSpace);
              report('lines', Math.round(pre.getBoundingClientRect().height / parseFloat(w.getComputedStyle(pre).lineHeight || '20')));
              report('copies', Array.prototype.filter.call(d.querySelectorAll('.generator button'), function (b) {
                return b.closest('.code-block, pre, .command') !== null || b.hasAttribute('data-copy-target'); }).length);
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        #expect(m["key"] as? Int == length, "\(m)")
        let note = m["note"] as? String ?? ""
        #expect(!note.isEmpty == told, "\(m)")
        if told { #expect(note.contains("20–32") && note.contains("\(length)"), "\(note)") }
        #expect(m["wrap"] as? String == "pre", "\(m)")
        #expect((m["copies"] as? Int ?? 0) >= 3, "\(m)")
    }

    @Test func theGeneratorPageMakesNoRequestAndNoConsoleError() throws {
        let site = try requireBrowser()
        let load = try Browser.load(site.appendingPathComponent("generator.html"))
        #expect(load.pageRequests.isEmpty, "\(load.pageRequests)")
        #expect(load.consoleErrors.isEmpty, "\(load.consoleErrors)")
        #expect(load.log.contains("CONSOLE") == false || load.consoleErrors.isEmpty)
        let html = try String(contentsOf: site.appendingPathComponent("generator.html"), encoding: .utf8)
        #expect(html.contains("connect-src 'none'"))
        // No key is stored: no script of the page uses cookies or web storage, but for the
        // site script's one entry, the reader's light or dark theme.
        for script in ["assets/keydocs.js", "assets/generator.js", "assets/policy.js", "assets/nav.js"] {
            var text = try String(contentsOf: site.appendingPathComponent(script), encoding: .utf8)
            if script == "assets/keydocs.js" {
                let uses = text.components(separatedBy: "localStorage").count - 1
                #expect(uses == 2)
                for allowed in ["localStorage.getItem('keydocs-theme')", "localStorage.setItem('keydocs-theme', next)"] {
                    #expect(text.contains(allowed))
                    text = text.replacingOccurrences(of: allowed, with: "")
                }
            }
            for api in ["localStorage", "sessionStorage", "document.cookie", "indexedDB", "Math.random"] {
                #expect(!text.contains(api), "\(script) uses \(api)")
            }
        }
    }

    /// The same detection on a page that does request something and does fail: the checks above can fail.
    @Test func theDetectionSeesRequestsAndErrors() throws {
        let site = try requireBrowser()
        let page = site.appendingPathComponent("control-\(UUID().uuidString).html")
        try """
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http:"></head>
            <body><img src="http://127.0.0.1:9/pixel.png"><script>console.error("control")</script></body></html>
            """.write(to: page, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: page) }
        let load = try Browser.load(page)
        #expect(load.pageRequests.contains { $0.hasPrefix("http://127.0.0.1:9/") }, "\(load.pageRequests)")
        #expect(!load.consoleErrors.isEmpty)
    }

    /// The JavaScript generator over more than 100,000 characters, and the JavaScript validator
    /// on the shared vectors, with Math.random made to throw.
    @Test func theJavaScriptGeneratorIsUniformAndTheValidatorAgreesWithSwift() throws {
        let site = try requireBrowser()
        let vectorsURL = packageRoot.appendingPathComponent("Tests/KeyPolicyTests/Fixtures/key-vectors.json")
        let vectors = try String(contentsOf: vectorsURL, encoding: .utf8)
        let harness = site.appendingPathComponent("harness-\(UUID().uuidString).html")
        try """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out">pending</pre>
            <script>Math.random = function () { throw new Error('Math.random is not allowed'); };</script>
            <script src="assets/policy.js"></script>
            <script src="assets/generator.js"></script>
            <script>
            var vectors = \(vectors);
            var K = window.KeydocsKeys;
            var text = K.randomString(124000);
            var counts = {};
            for (var i = 0; i < text.length; i++) counts[text[i]] = (counts[text[i]] || 0) + 1;
            var results = vectors.map(function (v) { return K.check(v.key).map(function (f) { return { rule: f.rule, severity: f.severity, message: f.message }; }); });
            var keys = [];
            for (var k = 0; k < 200; k++) keys.push(K.generate());
            var tooLong = null;
            try { K.generate(33); } catch (e) { tooLong = String(e); }
            var json = JSON.stringify({ length: text.length, counts: counts, results: results, keys: keys, tooLong: tooLong });
            document.getElementById('out').textContent = btoa(unescape(encodeURIComponent(json)));
            </script></body></html>
            """.write(to: harness, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: harness) }
        let load = try Browser.load(harness)
        let encoded = try #require(Browser.text(of: "out", in: load.dom))
        let data = try #require(Data(base64Encoded: encoded), "harness output: \(encoded.prefix(200)) \(load.consoleErrors)")
        struct Finding: Decodable, Equatable { let rule: String; let severity: String; let message: String }
        struct Output: Decodable { let length: Int; let counts: [String: Int]; let results: [[Finding]]; let keys: [String]; let tooLong: String? }
        let output = try JSONDecoder().decode(Output.self, from: data)

        // Uniform over the 62 symbols: chi-square under the critical value at p = 1e-6, 61 degrees of freedom.
        #expect(output.length == 124_000)
        let policy = Policy.civicrm
        let counts = policy.alphabet.map { output.counts[String(UnicodeScalar($0))] ?? 0 }
        #expect(counts.reduce(0, +) == 124_000)
        #expect(Set(output.counts.keys).isSubset(of: Set(policy.alphabet.map { String(UnicodeScalar($0)) })))
        let expected = 124_000.0 / 62
        let chi = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi < 128.5, "chi-square \(chi)")

        // Generated keys pass the Swift validator and differ.
        let validator = KeyValidator(policy: policy)
        #expect(output.keys.allSatisfy { validator.findings(for: $0).isEmpty })
        #expect(Set(output.keys.map { $0.lowercased() }).count == 200)
        #expect(output.tooLong?.contains("RangeError") == true)

        // The JavaScript validator gives the Swift validator's rules, severities and messages.
        let vectorList = try JSONDecoder().decode([[String: AnyCodable]].self, from: Data(vectors.utf8))
        #expect(output.results.count == vectorList.count)
        for (index, vector) in vectorList.enumerated() {
            guard case .string(let key)? = vector["key"] else { continue }
            let swift = validator.findings(for: key).map { Finding(rule: $0.rule.rawValue, severity: $0.severity.rawValue, message: $0.message) }
            #expect(output.results[index] == swift, "vector \(key.debugDescription)")
        }
    }
}

/// Just enough of JSON to read the vectors' keys.
enum AnyCodable: Decodable {
    case string(String), other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let s = try? container.decode(String.self) { self = .string(s) } else { self = .other }
    }
}
