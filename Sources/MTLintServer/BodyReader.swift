import Hummingbird

/// Reads a request body whole, within the server's limits: a declared `Content-Length` over the
/// limit is refused before a byte is read (413); a body sent without one is counted as it comes
/// and refused as soon as it passes the limit; a body still arriving at the deadline is refused
/// (408), so a client that sends slowly cannot hold a connection and its memory for long.
enum BodyReader {
    static func read(_ request: Request, limit: Int, deadline: ContinuousClock.Instant) async throws(RequestFailure) -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw tooLarge(limit)
        }
        let body = request.body
        do {
            return try await withThrowingTaskGroup(of: [UInt8].self) { group in
                group.addTask {
                    var bytes: [UInt8] = []
                    for try await chunk in body {
                        guard bytes.count + chunk.readableBytes <= limit else { throw tooLarge(limit) }
                        bytes += chunk.readableBytesView
                    }
                    return bytes
                }
                group.addTask {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    throw RequestFailure(status: .requestTimeout, message: "the request body did not arrive within the request time limit")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch let failure as RequestFailure {
            throw failure
        } catch {
            throw RequestFailure.badRequest("the request body could not be read: \(error)")
        }
    }

    static func tooLarge(_ limit: Int) -> RequestFailure {
        RequestFailure(status: .contentTooLarge, message: "the request body is larger than the limit of \(limit) bytes (--max-body-bytes)")
    }
}
