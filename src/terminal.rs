//! The real terminal: entering and leaving the full-screen mode, and drawing a frame in
//! one piece.
//!
//! A frame is written through a 64 KiB buffer, so a full redraw reaches the terminal in
//! one or two writes instead of one per kilobyte (the standard output's own buffer), and
//! it is wrapped in the synchronized-output mode (DEC mode 2026): terminals that know it
//! (kitty, `WezTerm`, foot, iTerm2, tmux 3.4 and others) show the whole frame at once,
//! never half of the old one under half of the new; the others ignore it.
//!
//! Once [`restore`] has run (on quit, a panic or a signal), whatever the session still
//! had buffered is dropped instead of written: a frame cut short by a panic must not
//! land on the user's normal screen.

use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::backend::CrosstermBackend;
use ratatui::{Frame, Terminal};

/// The session's terminal.
pub type Tty = Terminal<CrosstermBackend<BufWriter<SessionOut>>>;

/// Room for a full frame of a large terminal, colours included.
const FRAME_BUFFER: usize = 64 * 1024;

/// Set by [`restore`]: the full-screen session is over, its output goes nowhere.
static RESTORED: AtomicBool = AtomicBool::new(false);

/// Standard output while the full-screen session lasts, and nothing after [`restore`].
pub struct SessionOut;

impl Write for SessionOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if RESTORED.load(Ordering::SeqCst) {
            return Ok(buf.len());
        }
        io::stdout().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        if RESTORED.load(Ordering::SeqCst) {
            return Ok(());
        }
        io::stdout().flush()
    }
}

/// Raw mode, the alternate screen, and a panic hook that restores both before the panic
/// message is printed.
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
    RESTORED.store(false, Ordering::SeqCst);
    enable_raw_mode()?;
    let entered = execute!(io::stdout(), EnterAlternateScreen).and_then(|()| {
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

/// Ends any synchronized update, leaves raw mode and the alternate screen, and shows the
/// cursor; from then on the session's buffered output is dropped. Safe to call more than
/// once and from any thread; failures are printed, as there is nothing else left to do
/// with them.
pub fn restore() {
    RESTORED.store(true, Ordering::SeqCst);
    let restored = disable_raw_mode().and_then(|()| {
        let mut out = io::stdout();
        execute!(out, EndSynchronizedUpdate, LeaveAlternateScreen, Show)?;
        out.flush()
    });
    if let Err(err) = restored {
        eprintln!("tutor: could not restore the terminal: {err}");
    }
}
