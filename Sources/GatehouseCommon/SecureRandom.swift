import CGatehouseRandom

/// Cryptographically secure random bytes from the operating system, many per call.
///
/// `SystemRandomNumberGenerator` makes one `getrandom(2)` system call per 8 bytes; a 42-character
/// token took six calls, which was the largest single cost of issuing a token. This fills a whole
/// buffer with one call (`getrandom` on Linux, `arc4random_buf` on Apple platforms), and falls back
/// to `SystemRandomNumberGenerator` if the call fails.
public enum SecureRandom {
    /// Fills `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard c_gatehouse_random_fill(base, buffer.count) != 0 else { return }
        var generator = SystemRandomNumberGenerator()
        for index in buffer.indices {
            buffer[index] = UInt8(truncatingIfNeeded: generator.next())
        }
    }

    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: max(0, count)) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = buffer.count
        }
    }
}
