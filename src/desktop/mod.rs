//! How the app meets the desktop beyond its window, without any UI: one app per user and
//! display ([`instance`]), and the recent-files list the desktop shares ([`recent`]).

pub mod instance;
pub mod recent;
