// The credit the bundled research dataset requires, shown in About & data.
export const ATTRIBUTION =
  'Playlists: Yes.com (US radio, Dec 2010 – May 2011), tags: Last.fm, collected by Shuo Chen et al., ' +
  'Cornell University — "Playlist prediction via metric embedding", KDD 2012. Free for research use; ' +
  'contact Yes.com and Last.fm for commercial use.'
