import Foundation
import Hummingbird
import HummingbirdTesting
import MTLintKit
@testable import MTLintServer
import Testing

/// `/v2/check` and `/v2/languages` as LanguageTool's clients call them.
@Suite struct ServerLanguageToolAPITests {
    /// The matches of a check, reduced to (rule id, offset, length).
    static func spans(_ response: TestResponse) -> [String] {
        (response.object["matches"] as? [[String: Any]] ?? []).map { match in
            "\(match[path: "rule", "id"] ?? "?") \(match["offset"] ?? "?") \(match["length"] ?? "?")"
        }
    }

    @Test func offsetsAreUTF16AfterEmojiAndCJK() async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                body: TestServer.form([("text", TestServer.emojiText), ("language", "en-US")]))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            // 🎉 is 2 UTF-16 units (4 UTF-8 bytes), 東 and 京 one each (3 bytes): "The the" starts at 6, not 12.
            #expect(Self.spans(response) == ["foreign-script 3 2", "repeated-word 6 7"])
            let object = response.object
            let match = try #require((object["matches"] as? [[String: Any]])?.last)
            #expect(match["message"] as? String == "\"The\" is repeated; a doubled word is a common translation slip")
            #expect(match["shortMessage"] as? String == "")
            #expect(match[path: "replacements", "0", "value"] as? String == "The")
            #expect(match[path: "context", "text"] as? String == TestServer.emojiText)
            #expect(match[path: "context", "offset"] as? Int == 6)
            #expect(match[path: "context", "length"] as? Int == 7)
            #expect(match["sentence"] as? String == TestServer.emojiText)
            #expect(match[path: "type", "typeName"] as? String == "Other")
            #expect(match[path: "rule", "issueType"] as? String == "duplication")
            #expect(match[path: "rule", "category", "id"] as? String == "REPETITION")
            #expect(match[path: "rule", "category", "name"] as? String == "Repetition")
            #expect(match[path: "rule", "description"] as? String == RuleRegistry.rule(id: "repeated-word")?.description.summary)
            #expect(match["ignoreForIncompleteSentence"] as? Bool == false)
            #expect(match["contextForSureMatch"] as? Int == 0)
            #expect(object[path: "software", "name"] as? String == "mtlint")
            #expect(object[path: "software", "apiVersion"] as? Int == 1)
            #expect(object[path: "software", "premium"] as? Bool == false)
            #expect(object[path: "warnings", "incompleteResults"] as? Bool == false)
            #expect(object[path: "language", "code"] as? String == "en-US")
            #expect(object[path: "language", "name"] as? String == "English")
            #expect(object[path: "language", "detectedLanguage", "code"] as? String == "en")
        }
    }

    @Test func contextIsAWindowOfFortyUnits() async throws {
        let text = String(repeating: "a", count: 50) + " The the " + String(repeating: "b", count: 50)
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                body: TestServer.form([("text", text), ("language", "en"), ("enabledOnly", "true"), ("enabledRules", "repeated-word")]))
            let match = try #require((response.object["matches"] as? [[String: Any]])?.first)
            #expect(match["offset"] as? Int == 51)
            #expect(match[path: "context", "text"] as? String
                    == "..." + String(repeating: "a", count: 39) + " The the " + String(repeating: "b", count: 39) + "...")
            #expect(match[path: "context", "offset"] as? Int == 43)
        }
    }

    @Test func parametersInTheQueryString() async throws {
        try await TestServer.app().test(.router) { client in
            let query = "text=\(TestServer.escape(TestServer.emojiText))&language=en"
            let get = try await client.execute(uri: "/v2/check?\(query)", method: .get)
            #expect(get.status == .ok)
            #expect(Self.spans(get) == ["foreign-script 3 2", "repeated-word 6 7"])
            // The body and the query string together: language in one, text in the other.
            let mixed = try await client.execute(
                uri: "/v2/check?language=en&disabledRules=foreign-script,WHITESPACE_RULE", method: .post, headers: TestServer.formHeaders,
                body: TestServer.form([("text", TestServer.emojiText)]))
            #expect(mixed.status == .ok)
            #expect(Self.spans(mixed) == ["repeated-word 6 7"])
        }
    }

    @Test func annotatedDataCountsMarkupInOffsets() async throws {
        let data = """
            {"annotation": [{"markup": "<p>"}, {"text": "Hello"}, {"markup": "<br/>", "interpretAs": " "}, \
            {"text": "the the end."}, {"markup": "</p>", "interpretAs": "\\n\\n"}]}
            """
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                body: TestServer.form([("data", data), ("language", "en"), ("enabledOnly", "true"), ("enabledRules", "repeated-word")]))
            #expect(response.status == .ok)
            // Linted: "Hello the the end.\n\n" (the <br/> read as a space); offsets over "<p>Hello<br/>the the end.</p>".
            #expect(Self.spans(response) == ["repeated-word 13 7"])
            let match = try #require((response.object["matches"] as? [[String: Any]])?.first)
            #expect(match[path: "context", "text"] as? String == "<p>Hello<br/>the the end.</p>")
            #expect(match[path: "context", "offset"] as? Int == 13)
            #expect(match["sentence"] as? String == "Hello the the end.")
        }
    }

    @Test func enabledOnlyRunsOnlyTheEnabledRules() async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                body: TestServer.form([("text", TestServer.emojiText), ("language", "en"), ("enabledOnly", "true"),
                                       ("enabledRules", "foreign-script")]))
            #expect(Self.spans(response) == ["foreign-script 3 2"])
            let byCategory = try await client.execute(
                uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                body: TestServer.form([("text", TestServer.emojiText), ("language", "en"), ("disabledCategories", "SCRIPT")]))
            #expect(Self.spans(byCategory) == ["repeated-word 6 7"])
        }
    }

    @Test func autoDetectsTheLanguage() async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                body: TestServer.form([("text", "Le sommet a eu lieu à à Hanoï et les discussions sont terminées."), ("language", "auto")]))
            #expect(response.object[path: "language", "code"] as? String == "fr")
            #expect(response.object[path: "language", "name"] as? String == "French")
            #expect(Self.spans(response).contains("repeated-word 20 3"))
        }
    }

    @Test(arguments: [
        ([("text", "x"), ("language", "en"), ("enabledOnly", "true")], "Error: 'enabledOnly=true' needs 'enabledRules' or 'enabledCategories'"),
        ([("text", "x"), ("language", "xx-YY")], "Error: 'xx-YY' is not a language code known to mtlint; /v2/languages lists them"),
        ([("text", "x")], "Error: Missing 'language' parameter (a code from /v2/languages, or 'auto')"),
        ([("language", "en")], "Error: Missing 'text' or 'data' parameter"),
        ([("text", "x"), ("language", "en"), ("level", "strict")], "Error: 'level' must be 'default' or 'picky', not 'strict'"),
        ([("data", "{\"annotation\": [{\"text\": 1}]}"), ("language", "en")],
         "Error: 'data': annotation item 0 needs either a 'text' or a 'markup' string"),
    ])
    func badParametersAre400(_ fields: [(String, String)], _ message: String) async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders, body: TestServer.form(fields))
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text == message)
        }
    }

    @Test(arguments: [
        ("text=%FF%FE&language=en", "Error: invalid form body: the field 'text' is not valid UTF-8 once percent-decoded"),
        ("text=%E6%9D&language=en", "Error: invalid form body: the field 'text' is not valid UTF-8 once percent-decoded"),
        ("text=100%&language=en", "Error: invalid form body: malformed percent-encoding in the field 'text': '%' must be followed by two hex digits"),
    ])
    func invalidPercentEncodingIs400(_ body: String, _ message: String) async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders, body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(response.text == message)
        }
    }

    @Test func languagesListsTheSupportedLanguages() async throws {
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/v2/languages", method: .get)
            let languages = try #require(response.array as? [[String: String]])
            #expect(languages.count == LanguageCatalog.codes.count)
            #expect(languages.contains(["name": "English", "code": "en", "longCode": "en"]))
            #expect(languages.contains(["name": "French", "code": "fr", "longCode": "fr"]))
            // Every language a rule names has a real name.
            #expect(languages.allSatisfy { $0["name"] != $0["code"] })
            #expect(!languages.contains { $0["code"] == "auto" })
        }
    }

    @Test func pickyRunsOptInRules() async throws {
        let optIn = RuleRegistry.all.filter { !$0.description.enabledByDefault }.map(\.id)
        let form = { (level: String) -> [(String, String)] in [("text", "x"), ("language", "en"), ("level", level)] }
        let state = TestServer.state()
        let lax = try LanguageToolAPI(server: state).parse(Form(fields: form("default")))
        let picky = try LanguageToolAPI(server: state).parse(Form(fields: form("picky")))
        #expect(optIn.allSatisfy { id in picky.rules.contains { $0.id == id } })
        #expect(!optIn.contains { id in lax.rules.contains { $0.id == id } })
    }
}
