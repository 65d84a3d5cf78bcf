-- Station catalog tables (the subset of the station's MySQL the pipeline reads), with a few
-- rows: accented names, 4-byte UTF-8 (emoji), cross references, play-log label entries.
-- Loaded into a fresh database per test session by test_library_mysql.py. Statements end
-- with ";" at the end of a line; no ";" inside values.

CREATE TABLE GENRE (
    ID INT PRIMARY KEY,
    REFERENCE_NAME VARCHAR(64) NOT NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE FORMAT (
    ID INT PRIMARY KEY,
    REFERENCE_NAME VARCHAR(64) NOT NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE LIBRARY_CODE (
    ID INT PRIMARY KEY,
    GENRE_ID INT NOT NULL,
    CALL_LETTERS VARCHAR(8),
    CALL_NUMBERS INT,
    PRESENTATION_NAME VARCHAR(255) NOT NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE LIBRARY_RELEASE (
    ID INT PRIMARY KEY,
    LIBRARY_CODE_ID INT NOT NULL,
    FORMAT_ID INT NOT NULL,
    CALL_NUMBERS INT,
    TITLE VARCHAR(255) NOT NULL,
    ALTERNATE_ARTIST_NAME VARCHAR(255)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE LIBRARY_CODE_CROSS_REFERENCE (
    ID INT PRIMARY KEY,
    CROSS_REFERENCING_ARTIST_ID INT NOT NULL,
    CROSS_REFERENCED_LIBRARY_CODE_ID INT NOT NULL,
    COMMENT VARCHAR(255)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE RELEASE_CROSS_REFERENCE (
    ID INT PRIMARY KEY,
    CROSS_REFERENCING_ARTIST_ID INT NOT NULL,
    CROSS_REFERENCED_RELEASE_ID INT NOT NULL,
    COMMENT VARCHAR(255)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE FLOWSHEET_ENTRY_PROD (
    ID INT PRIMARY KEY,
    ARTIST_NAME VARCHAR(255),
    SONG_TITLE VARCHAR(255),
    RELEASE_TITLE VARCHAR(255),
    LIBRARY_RELEASE_ID INT NOT NULL DEFAULT 0,
    LABEL_NAME VARCHAR(255)
) DEFAULT CHARSET = utf8mb4;

INSERT INTO GENRE VALUES (1, 'Rock'), (2, 'Electronic'), (3, 'Hiphop'), (4, 'OCS');

INSERT INTO FORMAT VALUES (1, 'cd'), (2, 'vinyl');

INSERT INTO LIBRARY_CODE VALUES
    (1, 1, 'RO', 101, 'Radiohead'),
    (2, 2, 'EL', 201, 'Björk'),
    (3, 3, 'HH', 301, 'Ice-T'),
    (4, 1, 'RO', 102, 'Eric Bachmann'),
    (5, 1, 'RO', 103, 'Crooked Fingers'),
    (6, 1, 'RO', 104, 'Sigur Rós'),
    (7, 4, 'OC', 1, 'Various Artists - Compilations'),
    (8, 1, 'RO', 105, '🎸 Emoji Band'),
    (9, 3, 'HH', 302, 'Ghostface Killah'),
    (10, 3, 'HH', 303, 'RZA');

INSERT INTO LIBRARY_RELEASE VALUES
    (1, 1, 1, 1, 'OK Computer', NULL),
    (2, 1, 1, 2, 'Kid A', NULL),
    (3, 2, 1, 1, 'Homogenic', NULL),
    (4, 3, 2, 1, 'Body Count', 'Body Count'),
    (5, 4, 1, 1, 'To the Races', NULL),
    (6, 6, 1, 1, '( )', '  '),
    (7, 7, 2, 1, 'Sugar Hill', NULL),
    (8, 8, 1, 1, 'Fire 🔥 Songs', NULL),
    (9, 10, 1, 1, 'Bobby Digital in Stereo', ' Bobby Digital '),
    (10, 9, 1, 1, 'Ironman', NULL);

-- "Crooked Fingers is filed with Eric Bachmann"
INSERT INTO LIBRARY_CODE_CROSS_REFERENCE VALUES (1, 5, 4, 'filed w/ Eric Bachmann');

-- Ghostface Killah appears on a release filed under RZA
INSERT INTO RELEASE_CROSS_REFERENCE VALUES (1, 9, 9, 'guest');

INSERT INTO FLOWSHEET_ENTRY_PROD VALUES
    (1, 'Radiohead', 'Airbag', 'OK Computer', 1, 'Parlophone'),
    (2, 'Radiohead', 'Let Down', 'OK Computer', 1, 'Parlophone'),
    (3, 'Björk', 'Joga', 'Homogenic', 3, 'One Little Indian'),
    (4, 'Somebody', 'Song', 'Not In Library', 0, 'Ignored Label'),
    (5, 'Radiohead', 'Kid A', 'Kid A', 2, ''),
    (6, 'Radiohead', 'Idioteque', 'Kid A', 2, NULL),
    (7, '🎸 Emoji Band', 'Burn', 'Fire 🔥 Songs', 8, ' 🎸 Records '),
    (8, 'Ghost', 'Song', 'Deleted Release', 999, 'Orphan Label'),
    (9, 'Sigur Rós', 'Untitled #1', '( )', 6, 'Krúnk');
