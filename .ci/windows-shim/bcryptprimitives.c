/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, for running kehoach.exe under
 * Debian's wine 8.0, which lacks that DLL (rust-lang/rust#128066: Rust >= 1.78 programs
 * take their random numbers from ProcessPrng). It is built and used only by .ci/windows,
 * placed beside a copy of kehoach.exe in a temporary folder; it is never shipped: every
 * Windows 10 and 11 has the real DLL.
 *
 * ProcessPrng fills the buffer from SystemFunction036 (RtlGenRandom, advapi32), which
 * wine provides. Windows' ProcessPrng always succeeds; this one reports a failure of
 * RtlGenRandom by returning FALSE.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
