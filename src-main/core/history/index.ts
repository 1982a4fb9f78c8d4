// Listening history: readers by content, matching through the playlist path, storage, sessions for training.
export { HistoryCollector } from './collect'
export { detectHistory } from './detect'
export { matchHistory, type HistoryReport } from './match'
export { readHistoryPath, sniffHistory } from './read'
export { sessionsOf, SESSION_DEFAULTS, type Sessions, type SessionOptions } from './sessions'
export { historyReports, importHistoryFile, loadListens } from './store'
export type { HistoryFormat, Listen, PlayTally, SongFeedback } from './types'
