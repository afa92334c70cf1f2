// intake-floor: the HTTP stack's own cost per webhook delivery, for the intake benchmark.
//
// A bare SwiftNIO HTTP/1.1 server with the same channel pipeline as `screener serve` (NIOHTTP1
// decoder and encoder, then the HTTP-types codec that Hummingbird adds), two event loops. It reads
// each request's body and answers `200` with an empty body, doing none of intake's work: no
// signature check, no JSON scan, no sealing, no store. `scripts/bench.sh` runs the same wrk load
// against it (`BENCH_ONLY=floor`), so the server CPU per request it reports is the floor under
// `screener serve`'s figure: what any delivery costs before Screener does anything with it.
//
// Usage: intake-floor PORT   (binds 127.0.0.1 only; stops on SIGTERM/SIGINT)
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOPosix

final class AnswerEmpty: ChannelInboundHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head, .body:
            break  // the decoder has read the body; nothing is done with it
        case .end:
            var head = HTTPResponse(status: .ok)
            head.headerFields[.contentLength] = "0"
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

guard CommandLine.arguments.count == 2, let port = Int(CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: intake-floor PORT\n".utf8))
    exit(64)
}
let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
// Signal handling is in place before the port is bound, so a TERM sent as soon as the port answers
// is not lost.
for sig in [SIGTERM, SIGINT] {
    signal(sig, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
    source.setEventHandler { try? group.syncShutdownGracefully(); exit(0) }
    source.resume()
    _ = Unmanaged.passRetained(source as AnyObject)
}
let channel = try ServerBootstrap(group: group)
    .serverChannelOption(ChannelOptions.backlog, value: 256)
    .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false)
            try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try channel.pipeline.syncOperations.addHandler(AnswerEmpty())
        }
    }
    .bind(host: "127.0.0.1", port: port).wait()
try channel.closeFuture.wait()
