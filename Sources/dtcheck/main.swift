import DTCLI
#if canImport(Glibc)
import Glibc

// Each file is read into buffers of its own size (the bytes, their rewritten
// form, libxml2's copy), allocated and freed file after file. By default glibc
// maps a large block from the kernel and unmaps it when freed, and trims the top
// of the heap, so every file's buffers were faulted in and zeroed again (half of
// the page faults of a corpus run). Keep such blocks in the heap for reuse.
// (`mallopt` is declared in <malloc.h>, which Glibc's module does not export.)
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    _ = mallopt(-3, 32 << 20) // M_MMAP_THRESHOLD
    _ = mallopt(-1, 64 << 20) // M_TRIM_THRESHOLD
}
#endif

// The executable is a thin shell: all behaviour lives in the DTCLI library.
DTCheckCommand.main()
