-- A masters or artists file's raw rows, once side_keep.sql kept what a build may publish.
DROP TABLE {raw}
