CREATE TABLE a_name_of_exactly_sixty_three_bytes_aaaaaaaaaaaaaaaaaaaaaaaaaaa (id bigint);
SELECT 'a string longer than sixty-three bytes is not an identifier at all, not even close';
