import Foundation
import Hummingbird
import HummingbirdTesting
import MTLintKit
@testable import MTLintServer
import Testing

/// `/v1/lint`, `/v1/fix`, `/v1/rules`: the CLI's own JSON.
@Suite struct ServerNativeAPITests {
    @Test func lintAnswersTheCLIReport() async throws {
        let expected = JSONReporter.render(LintReport(results: [
            Linter(options: LintOptions(language: "en")).lint(SourceText(TestServer.emojiText), path: "<request>", format: .plain),
        ]))
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                                                    body: TestServer.json(["text": TestServer.emojiText, "lang": "en"]))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.text == expected)
            #expect(response.object[path: "files", "0", "findings", "1", "offset"] as? Int == 12)
        }
    }

    /// The server's own configuration (.mtlint.yml at start) applies to every request; a request's `config` goes over it.
    @Test func serverConfigurationApplies() async throws {
        let configuration = try Configuration.parse("rules:\n  foreign-script: off\n  repeated-word: info\n", path: "/srv/.mtlint.yml")
        let app = TestServer.app { $0.run = LintRun(configuration: configuration, commandLine: LintOptions(), jobs: 1) }
        try await app.test(.router) { client in
            let lint = try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                                                body: TestServer.json(["text": TestServer.emojiText, "lang": "en"]))
            let findings = try #require(lint.object[path: "files", "0", "findings"] as? [[String: Any]])
            #expect(findings.map { "\($0["rule"]!) \($0["severity"]!)" } == ["repeated-word info"])
            let check = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                                                 body: TestServer.form([("text", TestServer.emojiText), ("language", "en")]))
            #expect(ServerLanguageToolAPITests.spans(check) == ["repeated-word 6 7"])
            // Info findings are LanguageTool's hints.
            #expect(check.object[path: "matches", "0", "type", "typeName"] as? String == "Hint")
            let over = try await client.execute(
                uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                body: TestServer.json(["text": TestServer.emojiText, "lang": "en", "config": ["rules": ["foreign-script": "error"]]]))
            let both = try #require(over.object[path: "files", "0", "findings"] as? [[String: Any]])
            #expect(both.map { "\($0["rule"]!) \($0["severity"]!)" } == ["foreign-script error", "repeated-word info"])
        }
    }

    @Test func emptyTextHasNoFindings() async throws {
        try await TestServer.app().test(.router) { client in
            let check = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                                                 body: TestServer.form([("text", ""), ("language", "en")]))
            #expect(check.status == .ok)
            #expect(ServerLanguageToolAPITests.spans(check) == [])
            let lint = try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                                                body: TestServer.json(["text": ""]))
            #expect(lint.status == .ok)
            #expect(lint.object[path: "summary", "findings"] as? Int == 0)
        }
    }

    @Test func lintReadsTranslationFormats() async throws {
        let po = "msgid \"\"\nmsgstr \"Language: en\\n\"\n\nmsgid \"The summit\"\nmsgstr \"The the summit\"\n"
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                                                    body: TestServer.json(["text": po, "format": "po"]))
            #expect(response.status == .ok)
            #expect(response.object[path: "files", "0", "findings", "0", "rule"] as? String == "repeated-word")
            #expect(response.object[path: "files", "0", "units", "checked"] as? Int == 1)
        }
    }

    @Test func requestConfigOverridesRules() async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                body: TestServer.json(["text": TestServer.emojiText, "lang": "en",
                                       "config": ["rules": ["foreign-script": "off", "repeated-word": "error"]]]))
            #expect(response.status == .ok)
            let findings = try #require(response.object[path: "files", "0", "findings"] as? [[String: Any]])
            #expect(findings.map { "\($0["rule"]!) \($0["severity"]!)" } == ["repeated-word error"])
        }
    }

    static let fileKeyMessage = "names files on the server, which a request may not do; give dictionaries and glossaries in the server's own .mtlint.yml"

    @Test(arguments: [
        (#"{"text": "x", "config": {"dictionaries": ["/etc"]}}"#, "'config': 'dictionaries' \(fileKeyMessage)"),
        (#"{"text": "x", "config": {"glossary": "g.tsv"}}"#, "'config': 'glossary' \(fileKeyMessage)"),
        (#"{"text": "x", "config": {"source-root": "/"}}"#, "'config': 'source-root' \(fileKeyMessage)"),
        (#"{"text": "x", "config": {"colour": "red"}}"#,
         "'config': unknown top-level key 'colour'; valid: language, source-language, source-root, fail-on, rules, dictionaries, glossary, include, exclude, max-per-1000-words, overrides"),
        (#"{"text": "x", "lnag": "en"}"#, "unknown key 'lnag'; valid: config, format, lang, source, sourceLang, text"),
        (#"{"lang": "en"}"#, "'text' is missing"),
        (#"{"text": 5}"#, "'text' must be a string"),
        (#"{"text": "x", "lang": "en_US"}"#, "'lang': 'en_US' is not a BCP 47 language tag (e.g. en, fr, pt-BR)"),
        (#"{"text": "x", "format": "docx"}"#, "unknown format 'docx'; valid: html, md, po, tmx, txt, xliff"),
        (#"{"text": "x", "config": "/etc/passwd"}"#, "'config' must be an object (the keys of .mtlint.yml)"),
    ])
    func badBodiesAre400(_ body: String, _ message: String) async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders, body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(response.text == "{\"error\":\(JSONValue.string(message).serialized())}")
        }
    }

    @Test func malformedJSONIs400() async throws {
        try await TestServer.app().test(.router) { client in
            for body in ["{\"text\": ", "[1]", "\u{FF}"] {
                let response = try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                                                        body: ByteBuffer(bytes: body == "\u{FF}" ? [0xFF] : Array(body.utf8)))
                #expect(response.status == .badRequest)
                let message = try #require(response.object["error"] as? String)
                #expect(message.hasPrefix(body == "[1]" ? "the body must be a JSON object" : body == "\u{FF}" ? "the body is not valid UTF-8" : "the body is not valid JSON"))
            }
        }
    }

    @Test func fixReturnsTheFixedText() async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/v1/fix", method: .post, headers: TestServer.jsonHeaders,
                                                    body: TestServer.json(["text": TestServer.emojiText, "lang": "en"]))
            #expect(response.status == .ok)
            let object = response.object
            #expect(object["text"] as? String == "🎉 東京 The talks")
            let applied = try #require(object["applied"] as? [[String: Any]])
            #expect(applied.count == 1)
            #expect(applied[0]["rule"] as? String == "repeated-word")
            #expect(applied[0]["pass"] as? Int == 1)
            #expect(applied[0][path: "fix", "edits", "0", "offset"] as? Int == 15)
            #expect(applied[0][path: "fix", "edits", "0", "length"] as? Int == 4)
            let remaining = try #require(object["remaining"] as? [[String: Any]])
            #expect(remaining.map { $0["rule"] as? String } == ["foreign-script"])
            // `rules` limits the fixes: foreign-script has none, so nothing changes.
            let limited = try await client.execute(uri: "/v1/fix", method: .post, headers: TestServer.jsonHeaders,
                                                   body: TestServer.json(["text": TestServer.emojiText, "lang": "en", "rules": ["foreign-script"]]))
            #expect(limited.object["text"] as? String == TestServer.emojiText)
            let unknown = try await client.execute(uri: "/v1/fix", method: .post, headers: TestServer.jsonHeaders,
                                                   body: TestServer.json(["text": "x", "unsafe": 1]))
            #expect(unknown.status == .badRequest)
            #expect(unknown.object["error"] as? String == "'unsafe' must be true or false")
        }
    }

    @Test func rulesAreTheCLIList() async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/v1/rules", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == RuleDocs.json(RuleRegistry.all))
        }
    }
}
