//! A test-only SQLite VFS that simulates power cuts, as SQLite's own crash tests do.
//!
//! It wraps the default (unix) VFS. Writes and truncations are kept in memory per file,
//! in order, and reach the real file only at `xSync` (or at a clean close while the power
//! is on, as the OS would write its page cache back eventually). Reads see the real file
//! with the pending changes laid over it. A budget of write/sync/truncate/delete calls is
//! set before a trial; when it runs out the power is cut: that call and every later one
//! fails, and every change not yet synced is dropped when its file is closed. Registered as
//! the default VFS, so kehoach's own `Store::open` runs on it unchanged.

use std::ffi::{c_char, c_int, c_void};
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicPtr, AtomicU64, Ordering};

use rusqlite::ffi;

/// The wrapped VFS.
static REAL: AtomicPtr<ffi::sqlite3_vfs> = AtomicPtr::new(ptr::null_mut());
/// Whether the power is off.
static DEAD: AtomicBool = AtomicBool::new(false);
/// Mutating calls left before the cut; negative = no cut planned.
static BUDGET: AtomicI64 = AtomicI64::new(-1);
/// Mutating calls made so far.
static CALLS: AtomicU64 = AtomicU64::new(0);

/// One change not yet synced.
enum Pending {
    Write(i64, Vec<u8>),
    Truncate(i64),
}

/// Our file: SQLite's base struct first, the real file's struct right after it.
#[repr(C)]
struct CutFile {
    base: ffi::sqlite3_file,
    pending: *mut Vec<Pending>,
    real: *mut ffi::sqlite3_file,
}

/// Registers the VFS as SQLite's default (once per process).
pub fn install() {
    if !REAL.load(Ordering::SeqCst).is_null() {
        return;
    }
    // SAFETY: called before any connection is opened in this test process; the VFS struct
    // is leaked so it lives as long as SQLite may use it.
    unsafe {
        let real = ffi::sqlite3_vfs_find(ptr::null());
        assert!(!real.is_null(), "no default VFS");
        REAL.store(real, Ordering::SeqCst);
        let vfs = Box::leak(Box::new(ffi::sqlite3_vfs {
            iVersion: 2,
            szOsFile: (std::mem::size_of::<CutFile>() as c_int) + (*real).szOsFile,
            mxPathname: (*real).mxPathname,
            pNext: ptr::null_mut(),
            zName: c"powercut".as_ptr(),
            pAppData: ptr::null_mut(),
            xOpen: Some(x_open),
            xDelete: Some(x_delete),
            xAccess: Some(x_access),
            xFullPathname: Some(x_full_pathname),
            xDlOpen: None,
            xDlError: None,
            xDlSym: None,
            xDlClose: None,
            xRandomness: Some(x_randomness),
            xSleep: Some(x_sleep),
            xCurrentTime: Some(x_current_time),
            xGetLastError: Some(x_get_last_error),
            xCurrentTimeInt64: Some(x_current_time_int64),
            xSetSystemCall: None,
            xGetSystemCall: None,
            xNextSystemCall: None,
        }));
        assert_eq!(ffi::sqlite3_vfs_register(vfs, 1), ffi::SQLITE_OK);
    }
}

/// Plans a cut after `calls` more mutating calls (`None`: power stays on), and turns the
/// power on.
pub fn plan_cut(calls: Option<u64>) {
    DEAD.store(false, Ordering::SeqCst);
    BUDGET.store(
        calls.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX)),
        Ordering::SeqCst,
    );
}

/// Whether the planned cut has happened.
pub fn is_cut() -> bool {
    DEAD.load(Ordering::SeqCst)
}

/// Mutating calls made so far.
pub fn calls() -> u64 {
    CALLS.load(Ordering::SeqCst)
}

/// Spends one mutating call; false once the power is off.
fn spend() -> bool {
    if DEAD.load(Ordering::SeqCst) {
        return false;
    }
    CALLS.fetch_add(1, Ordering::SeqCst);
    let left = BUDGET.load(Ordering::SeqCst);
    if left == 0 {
        DEAD.store(true, Ordering::SeqCst);
        return false;
    }
    if left > 0 {
        BUDGET.store(left - 1, Ordering::SeqCst);
    }
    true
}

fn real_vfs() -> *mut ffi::sqlite3_vfs {
    REAL.load(Ordering::SeqCst)
}

/// The real file's methods.
///
/// # Safety
/// `f` must be an open `CutFile`.
unsafe fn real_methods(f: *mut CutFile) -> &'static ffi::sqlite3_io_methods {
    unsafe { &*(*(*f).real).pMethods }
}

static METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    iVersion: 2,
    xClose: Some(f_close),
    xRead: Some(f_read),
    xWrite: Some(f_write),
    xTruncate: Some(f_truncate),
    xSync: Some(f_sync),
    xFileSize: Some(f_file_size),
    xLock: Some(f_lock),
    xUnlock: Some(f_unlock),
    xCheckReservedLock: Some(f_check_reserved_lock),
    xFileControl: Some(f_file_control),
    xSectorSize: Some(f_sector_size),
    xDeviceCharacteristics: Some(f_device_characteristics),
    xShmMap: Some(f_shm_map),
    xShmLock: Some(f_shm_lock),
    xShmBarrier: Some(f_shm_barrier),
    xShmUnmap: Some(f_shm_unmap),
    xFetch: None,
    xUnfetch: None,
};

unsafe extern "C" fn x_open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (*f).base.pMethods = ptr::null();
        (*f).real = file
            .cast::<u8>()
            .add(std::mem::size_of::<CutFile>())
            .cast::<ffi::sqlite3_file>();
        let vfs = real_vfs();
        let rc = ((*vfs).xOpen.expect("xOpen"))(vfs, name, (*f).real, flags, out_flags);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
        (*f).pending = Box::into_raw(Box::new(Vec::new()));
        (*f).base.pMethods = &METHODS;
        ffi::SQLITE_OK
    }
}

unsafe extern "C" fn x_delete(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    sync: c_int,
) -> c_int {
    if !spend() {
        return ffi::SQLITE_IOERR_DELETE;
    }
    let vfs = real_vfs();
    unsafe { ((*vfs).xDelete.expect("xDelete"))(vfs, name, sync) }
}

unsafe extern "C" fn x_access(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    flags: c_int,
    out: *mut c_int,
) -> c_int {
    let vfs = real_vfs();
    unsafe { ((*vfs).xAccess.expect("xAccess"))(vfs, name, flags, out) }
}

unsafe extern "C" fn x_full_pathname(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    n: c_int,
    out: *mut c_char,
) -> c_int {
    let vfs = real_vfs();
    unsafe { ((*vfs).xFullPathname.expect("xFullPathname"))(vfs, name, n, out) }
}

unsafe extern "C" fn x_randomness(
    _vfs: *mut ffi::sqlite3_vfs,
    n: c_int,
    out: *mut c_char,
) -> c_int {
    let vfs = real_vfs();
    unsafe { ((*vfs).xRandomness.expect("xRandomness"))(vfs, n, out) }
}

unsafe extern "C" fn x_sleep(_vfs: *mut ffi::sqlite3_vfs, micros: c_int) -> c_int {
    let vfs = real_vfs();
    unsafe { ((*vfs).xSleep.expect("xSleep"))(vfs, micros) }
}

unsafe extern "C" fn x_current_time(_vfs: *mut ffi::sqlite3_vfs, out: *mut f64) -> c_int {
    let vfs = real_vfs();
    unsafe { ((*vfs).xCurrentTime.expect("xCurrentTime"))(vfs, out) }
}

unsafe extern "C" fn x_get_last_error(
    _vfs: *mut ffi::sqlite3_vfs,
    n: c_int,
    out: *mut c_char,
) -> c_int {
    let vfs = real_vfs();
    unsafe { ((*vfs).xGetLastError.expect("xGetLastError"))(vfs, n, out) }
}

unsafe extern "C" fn x_current_time_int64(
    _vfs: *mut ffi::sqlite3_vfs,
    out: *mut ffi::sqlite3_int64,
) -> c_int {
    let vfs = real_vfs();
    unsafe { ((*vfs).xCurrentTimeInt64.expect("xCurrentTimeInt64"))(vfs, out) }
}

/// Writes the pending changes to the real file, in order.
///
/// # Safety
/// `f` must be an open `CutFile`.
unsafe fn apply(f: *mut CutFile) -> c_int {
    unsafe {
        let real = (*f).real;
        let methods = real_methods(f);
        for change in (*(*f).pending).drain(..) {
            let rc = match change {
                Pending::Write(at, bytes) => (methods.xWrite.expect("xWrite"))(
                    real,
                    bytes.as_ptr().cast::<c_void>(),
                    bytes.len() as c_int,
                    at,
                ),
                Pending::Truncate(size) => (methods.xTruncate.expect("xTruncate"))(real, size),
            };
            if rc != ffi::SQLITE_OK {
                return rc;
            }
        }
        ffi::SQLITE_OK
    }
}

unsafe extern "C" fn f_close(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        if !is_cut() {
            let _ = apply(f);
        }
        drop(Box::from_raw((*f).pending));
        (*f).pending = ptr::null_mut();
        (real_methods(f).xClose.expect("xClose"))((*f).real)
    }
}

unsafe extern "C" fn f_read(
    file: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    amt: c_int,
    at: i64,
) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        let methods = real_methods(f);
        let rc = (methods.xRead.expect("xRead"))((*f).real, buf, amt, at);
        if rc != ffi::SQLITE_OK && rc != ffi::SQLITE_IOERR_SHORT_READ {
            return rc;
        }
        let out = std::slice::from_raw_parts_mut(buf.cast::<u8>(), amt as usize);
        let mut size = 0;
        (methods.xFileSize.expect("xFileSize"))((*f).real, &mut size);
        for change in (*(*f).pending).iter() {
            match change {
                Pending::Write(from, bytes) => {
                    overlay(out, at, *from, bytes);
                    size = size.max(*from + bytes.len() as i64);
                }
                Pending::Truncate(to) => {
                    zero_from(out, at, *to);
                    size = *to;
                }
            }
        }
        if at + i64::from(amt) > size {
            zero_from(out, at, size);
            return ffi::SQLITE_IOERR_SHORT_READ;
        }
        ffi::SQLITE_OK
    }
}

/// Copies the part of a pending write at `from` that falls in `out` (read at `at`).
fn overlay(out: &mut [u8], at: i64, from: i64, bytes: &[u8]) {
    let start = from.max(at);
    let end = (from + bytes.len() as i64).min(at + out.len() as i64);
    if start < end {
        let (o, b) = ((start - at) as usize, (start - from) as usize);
        let n = (end - start) as usize;
        out[o..o + n].copy_from_slice(&bytes[b..b + n]);
    }
}

/// Zeroes what `out` (read at `at`) holds at or past `size`.
fn zero_from(out: &mut [u8], at: i64, size: i64) {
    let cut = (size - at).clamp(0, out.len() as i64) as usize;
    out[cut..].fill(0);
}

unsafe extern "C" fn f_write(
    file: *mut ffi::sqlite3_file,
    buf: *const c_void,
    amt: c_int,
    at: i64,
) -> c_int {
    if !spend() {
        return ffi::SQLITE_IOERR_WRITE;
    }
    unsafe {
        let f = file.cast::<CutFile>();
        let bytes = std::slice::from_raw_parts(buf.cast::<u8>(), amt as usize).to_vec();
        (*(*f).pending).push(Pending::Write(at, bytes));
    }
    ffi::SQLITE_OK
}

unsafe extern "C" fn f_truncate(file: *mut ffi::sqlite3_file, size: i64) -> c_int {
    if !spend() {
        return ffi::SQLITE_IOERR_TRUNCATE;
    }
    unsafe { (*(*file.cast::<CutFile>()).pending).push(Pending::Truncate(size)) };
    ffi::SQLITE_OK
}

unsafe extern "C" fn f_sync(file: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    if !spend() {
        return ffi::SQLITE_IOERR_FSYNC;
    }
    unsafe {
        let f = file.cast::<CutFile>();
        let rc = apply(f);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
        (real_methods(f).xSync.expect("xSync"))((*f).real, flags)
    }
}

unsafe extern "C" fn f_file_size(file: *mut ffi::sqlite3_file, out: *mut i64) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        let rc = (real_methods(f).xFileSize.expect("xFileSize"))((*f).real, out);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
        for change in (*(*f).pending).iter() {
            match change {
                Pending::Write(from, bytes) => *out = (*out).max(*from + bytes.len() as i64),
                Pending::Truncate(to) => *out = *to,
            }
        }
        ffi::SQLITE_OK
    }
}

unsafe extern "C" fn f_lock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f).xLock.expect("xLock"))((*f).real, level)
    }
}

unsafe extern "C" fn f_unlock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f).xUnlock.expect("xUnlock"))((*f).real, level)
    }
}

unsafe extern "C" fn f_check_reserved_lock(file: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f)
            .xCheckReservedLock
            .expect("xCheckReservedLock"))((*f).real, out)
    }
}

unsafe extern "C" fn f_file_control(
    file: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        if op == ffi::SQLITE_FCNTL_SIZE_HINT {
            // The hint would grow the real file behind the pending changes' back.
            return ffi::SQLITE_OK;
        }
        (real_methods(f).xFileControl.expect("xFileControl"))((*f).real, op, arg)
    }
}

unsafe extern "C" fn f_sector_size(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f).xSectorSize.expect("xSectorSize"))((*f).real)
    }
}

unsafe extern "C" fn f_device_characteristics(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f)
            .xDeviceCharacteristics
            .expect("xDeviceCharacteristics"))((*f).real)
    }
}

unsafe extern "C" fn f_shm_map(
    file: *mut ffi::sqlite3_file,
    page: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f).xShmMap.expect("xShmMap"))((*f).real, page, size, extend, out)
    }
}

unsafe extern "C" fn f_shm_lock(
    file: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f).xShmLock.expect("xShmLock"))((*f).real, offset, n, flags)
    }
}

unsafe extern "C" fn f_shm_barrier(file: *mut ffi::sqlite3_file) {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f).xShmBarrier.expect("xShmBarrier"))((*f).real)
    }
}

unsafe extern "C" fn f_shm_unmap(file: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    unsafe {
        let f = file.cast::<CutFile>();
        (real_methods(f).xShmUnmap.expect("xShmUnmap"))((*f).real, delete)
    }
}
