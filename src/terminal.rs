//! The real terminal: entering and leaving the full-screen mode, suspending it for
//! Ctrl-Z, and drawing a frame in one piece.
//!
//! A frame is written through a 64 KiB buffer, so a full redraw reaches the terminal in
//! one or two writes instead of one per kilobyte (the standard output's own buffer), and
//! it is wrapped in the synchronized-output mode (DEC mode 2026): terminals that know it
//! (kitty, `WezTerm`, foot, iTerm2, tmux 3.4 and others) show the whole frame at once,
//! never half of the old one under half of the new; the others ignore it.
//!
//! The full-screen mode is raw mode, the alternate screen and bracketed paste (so a
//! paste arrives as one event, never as keys). While it is not on (before [`enter`],
//! while suspended, after [`restore`]) whatever the session writes is dropped instead
//! of written: a frame cut short by a panic or a signal must not land on the user's
//! normal screen. Writes and the changes of mode hold the standard output's lock, so
//! one thread's frame and another thread's [`restore`] never interleave.

use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicU8, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::backend::CrosstermBackend;
use ratatui::{Frame, Terminal};

/// The session's terminal.
pub type Tty = Terminal<CrosstermBackend<BufWriter<SessionOut>>>;

/// Room for a full frame of a large terminal, colours included.
const FRAME_BUFFER: usize = 64 * 1024;

/// The terminal is as the user had it: before [`enter`], after [`restore`].
const OFF: u8 = 0;
/// Raw mode, the alternate screen and bracketed paste are on.
const FULL: u8 = 1;
/// Left for a suspension (Ctrl-Z); [`resume`] turns it back on.
const SUSPENDED: u8 = 2;

/// Which of [`OFF`], [`FULL`] or [`SUSPENDED`] the terminal is in; changed only with the
/// standard output locked.
static MODE: AtomicU8 = AtomicU8::new(OFF);

/// Standard output while the full-screen mode is on, and nothing otherwise.
pub struct SessionOut;

impl Write for SessionOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = io::stdout().lock();
        if MODE.load(Ordering::SeqCst) != FULL {
            return Ok(buf.len());
        }
        out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut out = io::stdout().lock();
        if MODE.load(Ordering::SeqCst) != FULL {
            return Ok(());
        }
        out.flush()
    }
}

/// Raw mode, the alternate screen, bracketed paste, and a panic hook that restores the
/// terminal before the panic message is printed.
///
/// # Errors
/// When the terminal refuses raw mode or the alternate screen; what was already changed
/// is undone first.
pub fn enter() -> io::Result<Tty> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let entered = switch_on().and_then(|()| {
        Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
            FRAME_BUFFER,
            SessionOut,
        )))
    });
    if entered.is_err() {
        restore();
    }
    entered
}

/// Turns the full-screen mode on, whatever it was.
fn switch_on() -> io::Result<()> {
    let mut out = io::stdout().lock();
    enable_raw_mode()?;
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    MODE.store(FULL, Ordering::SeqCst);
    Ok(())
}

/// Turns the full-screen mode off, leaving `mode` behind.
fn switch_off(out: &mut io::StdoutLock<'_>, mode: u8) {
    MODE.store(mode, Ordering::SeqCst);
    let restored = disable_raw_mode().and_then(|()| {
        execute!(
            out,
            EndSynchronizedUpdate,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            Show
        )?;
        out.flush()
    });
    if let Err(err) = restored {
        eprintln!("tutor: could not restore the terminal: {err}");
    }
}

/// Draws one frame, shown by the terminal all at once where it can.
///
/// # Errors
/// When writing to the terminal fails.
pub fn draw(tty: &mut Tty, view: impl FnOnce(&mut Frame)) -> io::Result<()> {
    queue!(tty.backend_mut(), BeginSynchronizedUpdate)?;
    let drawn = tty.draw(view).map(drop);
    // Ended even when the draw failed, so the terminal never stays frozen.
    let ended = execute!(tty.backend_mut(), EndSynchronizedUpdate);
    drawn.and(ended)
}

/// Blanks the screen and forgets the last frame, so the next [`draw`] writes every cell
/// (after a suspension). Unlike `Terminal::clear` it does not ask the terminal where
/// its cursor is: a reply that may not come, or come only after seconds.
///
/// # Errors
/// When writing to the terminal fails.
pub fn forget_frame(tty: &mut Tty) -> io::Result<()> {
    queue!(tty.backend_mut(), Clear(ClearType::All))?;
    // Resets the buffer holding the last frame: the next one is diffed against nothing.
    tty.swap_buffers();
    Ok(())
}

/// Ends any synchronized update, turns bracketed paste off, leaves raw mode and the
/// alternate screen, and shows the cursor; from then on the session's output is
/// dropped. Safe to call more than once and from any thread (the panic hook, the signal
/// watcher); failures are printed, as there is nothing else left to do with them.
pub fn restore() {
    let mut out = io::stdout().lock();
    switch_off(&mut out, OFF);
}

/// Gives the user back the normal screen before the process stops (Ctrl-Z, SIGTSTP):
/// `true` if the full-screen mode was on, to be turned back on by [`resume`].
pub fn suspend() -> bool {
    let mut out = io::stdout().lock();
    if MODE.load(Ordering::SeqCst) != FULL {
        return false;
    }
    switch_off(&mut out, SUSPENDED);
    true
}

/// After a suspension (`fg`): the full-screen mode on again, if [`suspend`] turned it
/// off and nothing restored the terminal since. The screen is blank: redraw it whole.
///
/// # Errors
/// When the terminal refuses raw mode or the alternate screen.
pub fn resume() -> io::Result<()> {
    // Held across the check and the switch (the lock is reentrant), so a `restore` on
    // another thread comes wholly before or after.
    let _out = io::stdout().lock();
    if MODE.load(Ordering::SeqCst) != SUSPENDED {
        return Ok(());
    }
    switch_on()
}

/// After the process was stopped and continued behind its back (SIGSTOP, then SIGCONT):
/// the shell has put its own terminal settings back meanwhile, so raw mode is set again.
///
/// # Errors
/// When the terminal refuses raw mode.
pub fn reassert() -> io::Result<()> {
    let _out = io::stdout().lock();
    if MODE.load(Ordering::SeqCst) != FULL {
        return Ok(());
    }
    // crossterm sets raw mode only if it believes it off.
    disable_raw_mode()?;
    enable_raw_mode()
}
