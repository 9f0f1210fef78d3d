// Word pools the generated names are built from. Catalogue artists and off-catalogue artists use
// disjoint first words (and only catalogue names start with "The"), so an event for a song outside
// the catalogue can never match one inside it by title and artist name: the match share stays exact.

export const CATALOGUE_FIRST = ['Alice', 'Bruno', 'Clara', 'Dmitri', 'Elena', 'Felix', 'Greta', 'Hugo', 'Ingrid', 'Jonas', 'Kira', 'Lars', 'Mireille', 'Nico', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Stefan', 'Tove', 'Ulla', 'Victor', 'Wanda', 'Xavier', 'Yara', 'Zoë', 'Björn', 'Señora', 'DJ', 'MC', 'Lil', 'Big', 'Sister', 'Brother', 'Captain', 'Doctor'];
export const CATALOGUE_LAST = ['Abernathy', 'Blackwood', 'Castillo', 'Delacroix', 'Eriksen', 'Fontaine', 'Garrido', 'Halvorsen', 'Ivanova', 'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintana', 'Rinaldi', 'Sørensen', 'Takahashi', 'Ueda', 'Valdés', 'Whitfield', 'Xu', 'Yilmaz', 'Zimmermann', 'Holloway', 'Marsh', 'Everly', 'Kingsley'];
export const BAND_ADJECTIVES = ['Black', 'Silver', 'Electric', 'Velvet', 'Crimson', 'Hollow', 'Midnight', 'Golden', 'Broken', 'Neon', 'Wild', 'Quiet', 'Burning', 'Frozen', 'Lonely', 'Cosmic', 'Rusty', 'Paper', 'Glass', 'Iron'];
export const BAND_NOUNS = ['Keys', 'Rivers', 'Wolves', 'Foxes', 'Lanterns', 'Shadows', 'Echoes', 'Pilots', 'Sparrows', 'Kings', 'Ghosts', 'Machines', 'Tigers', 'Arrows', 'Saints', 'Horses', 'Strangers', 'Radios', 'Satellites', 'Oceans'];

export const OFF_CATALOGUE_FIRST = ['Amos', 'Bettina', 'Cyril', 'Dagny', 'Emeric', 'Fenna', 'Gideon', 'Hester', 'Ivo', 'Jocasta', 'Kasimir', 'Leontyne', 'Magnus', 'Noor', 'Oskar', 'Perpetua', 'Rainer', 'Solveig', 'Thaddeus', 'Ursula', 'Vilhelm', 'Winifred', 'Yusuf', 'Zephyr', 'Anaïs', 'Çelik'];
export const OFF_CATALOGUE_LAST = ['Achterberg', 'Bramwell', 'Cunningham', 'Drummond', 'Esterhazy', 'Fairweather', 'Gallagher', 'Hargreaves', 'Ingleby', 'Jessop', 'Kilbride', 'Lockhart', 'Mulligan', 'Northcott', 'Ormsby', 'Pennington', 'Radcliffe', 'Stirling', 'Thornbury', 'Underhill', 'Vance', 'Wetherby', 'Ashdown', 'Brodsky'];

export const TITLE_WORDS = ['Love', 'Night', 'Heart', 'Rain', 'Fire', 'Dream', 'Summer', 'Road', 'Home', 'Light', 'Dance', 'Blue', 'Forever', 'Tonight', 'Gone', 'River', 'Stars', 'Falling', 'Run', 'Shine', 'Sky', 'Time', 'Baby', 'Girl', 'World', 'Money', 'City', 'Ghost', 'Paradise', 'Sunday', 'Wasted', 'Golden', 'Echo', 'Lullaby', 'Thunder', 'Highway', 'Mañana', 'Café', 'Señorita', 'Über', 'Naïve', 'Rêve'];
export const TITLE_SUFFIXES = ['', '', '', '', '', ' (Album Version)', ' (Live)', ' (Remastered)', ' (Radio Edit)', ' [Remix]', ' (Acoustic)', ' (feat. Nico)'];

export const ARTIST_LOCATIONS = ['Nashville, TN', 'Los Angeles, CA', 'London, England', 'Chicago, IL', 'New York, NY', 'Berlin, Germany', 'Stockholm, Sweden', 'Kingston, Jamaica', 'São Paulo, Brazil', 'Montréal, Québec', 'Austin, TX', 'Seattle, WA', 'Dublin, Ireland', 'Paris, France', 'Tokyo, Japan', 'Lagos, Nigeria', 'Detroit, MI', 'Memphis, TN', 'Reykjavík, Iceland', 'Melbourne, Australia'];
/** Rough coordinates of ARTIST_LOCATIONS, same order. */
export const ARTIST_COORDINATES: Array<[number, number]> = [[36.16778, -86.77836], [34.05349, -118.24532], [51.50632, -0.12714], [41.88415, -87.63241], [40.71455, -74.00712], [52.51607, 13.37698], [59.33217, 18.06243], [17.99702, -76.79358], [-23.5621, -46.65476], [45.51228, -73.55439], [30.26759, -97.74299], [47.60356, -122.32944], [53.34376, -6.24953], [48.85693, 2.3412], [35.68956, 139.69217], [6.45306, 3.39583], [42.33168, -83.04792], [35.14968, -90.04892], [64.13548, -21.89541], [-37.81753, 144.96715]];

export const USER_FIRST = ['Walter', 'Kaylee', 'Lily', 'Jacob', 'Jayden', 'Tegan', 'Chloe', 'Aleena', 'Mohammad', 'Kate', 'Ryan', 'Sara', 'Cienna', 'Jordan', 'Theodore', 'Rylan', 'Matthew', 'Avery', 'Layla', 'Harper', 'Wyatt', 'Emily', 'Isaac', 'Anabelle', 'Jizelle', 'Brayden', 'Ava', 'Mason', 'Sienna', 'Elijah'];
export const USER_LAST = ['Frye', 'Summers', 'Koch', 'Klein', 'Graves', 'Levine', 'Cuevas', 'Kirby', 'Rodriguez', 'Harrell', 'Smith', 'Johnson', 'Freeman', 'Hill', 'Smith', 'George', 'Jones', 'Carrillo', 'Griffin', 'Barrett', 'Dominguez', 'Benson', 'Valencia', 'Stephens', 'Fuller', 'Owen', 'Robinson', 'Hart', 'Moore', 'Oneal'];
export const USER_LOCATIONS = ['San Francisco-Oakland-Hayward, CA', 'Phoenix-Mesa-Scottsdale, AZ', 'Chicago-Naperville-Elgin, IL-IN-WI', 'Atlanta-Sandy Springs-Roswell, GA', 'Lansing-East Lansing, MI', 'Portland-South Portland, ME', 'Tampa-St. Petersburg-Clearwater, FL', 'New York-Newark-Jersey City, NY-NJ-PA', 'Houston-The Woodlands-Sugar Land, TX', 'Philadelphia-Camden-Wilmington, PA-NJ-DE-MD', 'Elkhart-Goshen, IN', 'New Orleans-Metairie, LA', 'Klamath Falls, OR', 'Milwaukee-Waukesha-West Allis, WI', 'Indianapolis-Carmel-Anderson, IN', 'Nashville-Davidson--Murfreesboro--Franklin, TN', 'Harrisburg-Carlisle, PA', 'Lake Havasu City-Kingman, AZ', 'La Crosse-Onalaska, WI-MN', 'Red Bluff, CA'];
/** The log's userAgent values carry their own double quotes, as in the real sample. */
export const USER_AGENTS = [
  '"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"',
  '"Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/35.0.1916.153 Safari/537.36"',
  '"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_2) AppleWebKit/537.75.14 (KHTML, like Gecko) Version/7.0.3 Safari/537.75.14"',
  '"Mozilla/5.0 (Windows NT 6.3; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"',
  '"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"',
  'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0',
  '"Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53"',
  '"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36"',
];
