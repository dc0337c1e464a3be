import Foundation
import Hummingbird
import HummingbirdTesting
import MTLintKit
@testable import MTLintServer
import Testing

/// Body limits, time limits, the lint threads, the API key.
@Suite struct ServerLimitsTests {
    /// A text that takes a debug build about a second to lint.
    static let bigText = String(repeating: "The the talks ended in the region in the region. ", count: 6_000)

    @Test func bodyOverTheLimitIs413() async throws {
        try await TestServer.app { $0.maxBodyBytes = 100 }.test(.router) { client in
            let form = TestServer.form([("text", String(repeating: "a", count: 200)), ("language", "en")])
            let check = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders, body: form)
            #expect(check.status == .contentTooLarge)
            #expect(check.text == "Error: the request body is larger than the limit of 100 bytes (--max-body-bytes)")
            let lint = try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                                                body: TestServer.json(["text": String(repeating: "a", count: 200)]))
            #expect(lint.status == .contentTooLarge)
            #expect(lint.object["error"] as? String == "the request body is larger than the limit of 100 bytes (--max-body-bytes)")
            // Text in the query string counts too.
            let query = try await client.execute(uri: "/v2/check?language=en&text=\(String(repeating: "a", count: 200))", method: .get)
            #expect(query.status == .contentTooLarge)
            #expect(query.text == "Error: the text is longer than the limit of 100 bytes (--max-body-bytes)")
        }
    }

    @Test func bodyOverTheLimitIs413OverTheNetwork() async throws {
        try await TestServer.app { $0.maxBodyBytes = 100 }.test(.live) { client in
            let big = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                                               body: TestServer.form([("text", String(repeating: "a", count: 200)), ("language", "en")]))
            #expect(big.status == .contentTooLarge)
            let small = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                                                 body: TestServer.form([("text", "The the end."), ("language", "en")]))
            #expect(small.status == .ok)
            #expect(ServerLanguageToolAPITests.spans(small) == ["repeated-word 0 7"])
        }
    }

    @Test func apiKeyIsRequiredExceptForHealthz() async throws {
        try await TestServer.app { $0.apiKey = "s3cret" }.test(.router) { client in
            let missing = try await client.execute(uri: "/v1/rules", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(missing.object["error"] as? String == "an API key is required (Authorization: Bearer <key>)")
            let wrong = try await client.execute(uri: "/v2/languages", method: .get, headers: [.authorization: "Bearer s3creT"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text == "Error: the API key is not valid")
            let prefix = try await client.execute(uri: "/v2/languages", method: .get, headers: [.authorization: "Bearer s3cret2"])
            #expect(prefix.status == .unauthorized)
            let right = try await client.execute(uri: "/v2/languages", method: .get, headers: [.authorization: "Bearer s3cret"])
            #expect(right.status == .ok)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.text == "ok")
        }
        #expect(AuthMiddleware<BasicRequestContext>.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!AuthMiddleware<BasicRequestContext>.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!AuthMiddleware<BasicRequestContext>.constantTimeEqual(Array("abc".utf8), Array("ab".utf8)))
        #expect(!AuthMiddleware<BasicRequestContext>.constantTimeEqual([], Array("a".utf8)))
    }

    /// Two big lints on the one lint thread (one runs, one waits in line): /healthz answers meanwhile.
    @Test func healthzAnswersWhileABigLintRuns() async throws {
        let state = TestServer.state { $0.maxBodyBytes = 10_000_000; $0.requestTimeout = .seconds(120) }
        try await TestServer.app(state).test(.router) { client in
            let lints = (0..<2).map { _ in
                Task {
                    try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                                             body: TestServer.json(["text": Self.bigText, "lang": "en"]))
                }
            }
            while state.pool.running == 0 { try await Task.sleep(for: .milliseconds(1)) }
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.text == "ok")
            // A lint was still running when /healthz answered.
            #expect(state.pool.running == 1)
            for lint in lints {
                let report = try await lint.value
                #expect(report.status == .ok)
                #expect(report.object[path: "summary", "findings"] as? Int == 12_000)
            }
            #expect(state.pool.running == 0)
        }
    }

    @Test func aRequestThatWaitsTooLongIs503() async throws {
        let state = TestServer.state { $0.requestTimeout = .milliseconds(300) }
        // Hold the one lint thread until the waiting request has its answer.
        let release = DispatchSemaphore(value: 0)
        let holder = Task { await state.pool.run(timeout: .seconds(60)) { release.wait() } }
        while state.pool.running == 0 { try await Task.sleep(for: .milliseconds(1)) }
        try await TestServer.app(state).test(.router) { client in
            let waiting = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                                                   body: TestServer.form([("text", "The the end."), ("language", "en")]))
            #expect(waiting.status == .serviceUnavailable)
            #expect(waiting.text == "Error: the server is busy: no lint slot became free within the request time limit of 0.3 s")
        }
        release.signal()
        _ = await holder.value
    }

    @Test func aLintOverTheTimeLimitIs504() async throws {
        // The lint takes about 0.7 s in a debug build; reading the body, a few milliseconds.
        let state = TestServer.state { $0.maxBodyBytes = 10_000_000; $0.requestTimeout = .milliseconds(200) }
        try await TestServer.app(state).test(.router) { client in
            let slow = try await client.execute(uri: "/v1/lint", method: .post, headers: TestServer.jsonHeaders,
                                                body: TestServer.json(["text": Self.bigText, "lang": "en"]))
            #expect(slow.status == .gatewayTimeout)
            #expect(slow.object["error"] as? String == "the lint did not finish within the request time limit of 0.2 s")
        }
    }

    /// A declared length over the limit is refused at once, though no byte of the body has come.
    @Test func aDeclaredLengthOverTheLimitIsRefusedBeforeReading() async throws {
        let (stream, source) = RequestBody.makeStream()
        var head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/v2/check")
        head.headerFields[.contentLength] = "5000000"
        let request = Request(head: head, body: stream)
        do {
            _ = try await BodyReader.read(request, limit: 100, deadline: .now + .seconds(60))
            Issue.record("the body was read")
        } catch {
            #expect(error.status == .contentTooLarge)
        }
        source.finish()
    }

    @Test func aSlowBodyIs408() async throws {
        let state = TestServer.state { $0.requestTimeout = .milliseconds(200) }
        let (stream, source) = RequestBody.makeStream()
        let request = Request(head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/v2/check"), body: stream)
        // The body never ends: without the deadline this read would wait for ever.
        await source.yield(ByteBuffer(string: "language=en&text=The"))
        do {
            _ = try await BodyReader.read(request, limit: 1000, deadline: .now + state.options.requestTimeout)
            Issue.record("the body was read")
        } catch {
            #expect(error.status == .requestTimeout)
            #expect(error.message == "the request body did not arrive within the request time limit")
        }
        source.finish()
    }
}

/// Health, metrics, the OpenAPI document and the review page.
@Suite struct ServerServiceRoutesTests {
    @Test func metricsCountRequestsAndFindings() async throws {
        try await TestServer.app().test(.router) { client in
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/v2/check", method: .post, headers: TestServer.formHeaders,
                                         body: TestServer.form([("text", TestServer.emojiText), ("language", "en")]))
            _ = try await client.execute(uri: "/no/such/route", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            let lines = Set(metrics.text.split(separator: "\n").map(String.init))
            #expect(lines.contains("mtlint_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"))
            #expect(lines.contains("mtlint_http_requests_total{method=\"POST\",route=\"/v2/check\",status=\"200\"} 1"))
            #expect(lines.contains("mtlint_http_requests_total{method=\"GET\",route=\"NotFound\",status=\"404\"} 1"))
            #expect(lines.contains("mtlint_findings_total{rule=\"repeated-word\"} 1"))
            #expect(lines.contains("mtlint_findings_total{rule=\"foreign-script\"} 1"))
            #expect(lines.contains("mtlint_http_request_duration_seconds_count{route=\"/healthz\"} 2"))
        }
    }

    @Test func unknownRoutesAre404() async throws {
        try await TestServer.app().test(.router) { client in
            let plain = try await client.execute(uri: "/v2/nothing", method: .get)
            #expect(plain.status == .notFound)
            #expect(plain.text == "Error: not found")
            let native = try await client.execute(uri: "/v1/nothing", method: .get)
            #expect(native.status == .notFound)
            #expect(native.object["error"] as? String == "not found")
        }
    }

    @Test func aServedPathAskedWithAnotherMethodIs405() async throws {
        try await TestServer.app().test(.router) { client in
            let check = try await client.execute(uri: "/v2/check", method: .delete)
            #expect(check.status == .methodNotAllowed)
            #expect(check.headers[.allow] == "GET, POST")
            #expect(check.text == "Error: DELETE is not served here; use GET, POST")
            let lint = try await client.execute(uri: "/v1/lint", method: .get)
            #expect(lint.status == .methodNotAllowed)
            #expect(lint.headers[.allow] == "POST")
            #expect(lint.object["error"] as? String == "GET is not served here; use POST")
            #expect(try await client.execute(uri: "/healthz", method: .trace).status == .methodNotAllowed)
        }
    }

    @Test func reviewPageHasAStrictPolicy() async throws {
        try await TestServer.app().test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy] == "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
            #expect(page.text.contains("<title>mtlint review</title>"))
        }
    }

    /// The repository's docs/openapi.yaml is the document served (its copy in the target's resources).
    @Test func openAPIDocumentIsServedAndCurrent() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let published = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let resource = try String(contentsOf: root.appendingPathComponent("Sources/MTLintServer/Resources/openapi.yaml"), encoding: .utf8)
        #expect(published == resource, "copy docs/openapi.yaml to Sources/MTLintServer/Resources/openapi.yaml")
        try await TestServer.app().test(.router) { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(response.text == resource)
            #expect(response.text.contains("/v1/lint:"))
        }
    }
}

/// The small pieces: form decoding, UTF-16 offsets, annotated text.
@Suite struct ServerPartsTests {
    @Test func formDecoding() throws {
        let form = try FormDecoder.decode(Array("a=1&text=%E6%9D%B1+x&a=2&empty=&flag".utf8))
        #expect(form.fields.map { "\($0.0)=\($0.1)" } == ["a=1", "text=東 x", "a=2", "empty=", "flag="])
        #expect(form.first("a") == "1")
        #expect(throws: FormDecoder.Failure.self) { try FormDecoder.decode(Array("a=%zz".utf8)) }
        #expect(throws: FormDecoder.Failure.self) { try FormDecoder.decode(Array("a=%C3%28".utf8)) }
        #expect(throws: FormDecoder.Failure.self) { try FormDecoder.decode(Array("a=%F".utf8)) }
    }

    @Test func utf16Offsets() {
        let bytes = Array("a🎉東b".utf8)  // a: 1 byte; 🎉: 4 bytes, 2 units; 東: 3 bytes, 1 unit
        #expect(UTF16Offsets.convert([0, 1, 5, 8, 9, 99], in: bytes) == [0: 0, 1: 1, 5: 3, 8: 4, 9: 5, 99: 5])
        // Inside a character: its start.
        #expect(UTF16Offsets.convert([2, 6], in: bytes) == [2: 1, 6: 3])
    }

    @Test func annotatedTextMapsInterpretedMarkup() throws {
        let text = try AnnotatedText(json: #"{"annotation":[{"text":"ab"},{"markup":"<x/>","interpretAs":"Z"},{"markup":"<y>"},{"text":"cd"}]}"#)
        #expect(text.text == "abZcd")
        #expect(text.original == "ab<x/><y>cd")
        #expect(text.originalRange(0..<2) == 0..<2)
        #expect(text.originalRange(2..<3) == 2..<6)
        #expect(text.originalRange(3..<5) == 9..<11)
        #expect(text.originalRange(1..<4) == 1..<10)
    }
}
