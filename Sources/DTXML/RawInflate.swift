import CLibXML2

/// Checks that a ZIP entry's deflate stream ends within the entry's compressed bytes.
/// Here, beside libxml2, because the C libraries sit below the readers behind this
/// module (libxml2 links zlib; `CLibXML2`'s shim includes its header).
///
/// ZIPFoundation's inflate loop (`Data.decode`) asks for more input until the stream
/// ends, reading on past the entry and, at the end of the file, forever: a DOCX whose
/// deflate stream is cut short hung dtcheck built without optimisation (the fuzzer
/// found it, a 599-byte file). Its loop also hands zlib a whole buffer's length for
/// the last, shorter chunk, so an optimised build read past the chunk instead. So
/// every deflated entry is inflated here first, from the package's bytes, with
/// zlib's raw inflate, and only a stream that ends inside its own bytes is handed
/// to ZIPFoundation.
public enum RawInflate {
    public enum Failure: Error, Equatable {
        /// The compressed bytes end before the deflate stream does.
        case truncated
        /// zlib refused the stream.
        case damaged
        /// The stream inflates past the limit.
        case overLimit
    }

    /// Inflates `compressed` (a raw deflate stream) without keeping the output;
    /// throws unless the stream ends within it and within `limit` bytes of output.
    public static func check(_ compressed: UnsafeBufferPointer<UInt8>, limit: Int) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.damaged
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 64 * 1024)
        var produced = 0
        // zlib does not write through `next_in`; the mutable pointer is its C type.
        stream.next_in = UnsafeMutablePointer(mutating: compressed.baseAddress)
        stream.avail_in = UInt32(compressed.count)
        while true {
            let result = output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            produced += output.count - Int(stream.avail_out)
            if produced > limit { throw Failure.overLimit }
            switch result {
            case Z_STREAM_END:
                return
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: every input byte is read and the stream wants more.
                throw Failure.truncated
            default:
                throw Failure.damaged
            }
        }
    }
}
